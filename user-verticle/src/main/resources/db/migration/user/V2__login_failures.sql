-- Failed sign-ins in a row per email, whether or not an account has it (so the table, and the
-- answers it leads to, say nothing about which accounts exist). After SHOP_LOGIN_FREE_FAILURES
-- failures, each attempt must wait until blocked_until: 2, 4, 8 ... seconds, at most
-- SHOP_LOGIN_MAX_BLOCK_SECONDS. A successful sign-in deletes the row.
CREATE TABLE login_failures (
  email         text PRIMARY KEY,
  failures      integer NOT NULL,
  blocked_until timestamptz NOT NULL
);
