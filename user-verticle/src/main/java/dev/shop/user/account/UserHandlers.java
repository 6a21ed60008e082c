package dev.shop.user.account;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.Caller;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.RestContract;
import dev.shop.contract.user.UserStatusReply;
import dev.shop.contract.user.UserSummaries;
import dev.shop.contract.user.UserSummariesRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code user.*} subjects: reading and administering accounts. */
public final class UserHandlers {

  private static final BodySchema NEW_USER = BodySchema.of(RestContract.document(), "NewUserRequest");
  private static final BodySchema USER_UPDATE = BodySchema.of(RestContract.document(), "UserUpdateRequest");
  private final UserRepository users;
  private final Passwords passwords;

  public UserHandlers(UserRepository users, Passwords passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  /** {@code {page, pageSize, search}}; admin. */
  public Future<BusReply> list(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    String search = input.stringParam("search", 100);
    input.validate();
    return users.count(search).compose(total -> users.list(search, page.pageSize(), page.offset())
        .map(found -> BusReply.okJson(page.envelope("users", total, found.stream().map(User::toResponse).toList()))));
  }

  /** {@code {id}}; the user themself or an admin. Anyone else's account is 404. */
  public Future<BusReply> findById(BusRequest request) {
    Caller caller = request.caller();
    caller.requireUser();
    return visibleUser(caller, request.body().getValue("id")).map(user -> BusReply.ok(user.toResponse()));
  }

  /**
   * {@code {id}}, internal: {@code {active}}, false for a deactivated or unknown account. The
   * gateway asks it (and keeps the answer a few seconds) to refuse a deactivated user's access
   * tokens before they expire.
   */
  public Future<BusReply> status(BusRequest request) {
    request.caller().requireInternal();
    UUID id = Ids.parse(request.body().getValue("id"))
        .orElseThrow(() -> ShopException.invalidField("id", "must be a UUID"));
    return users.findById(id).map(found -> BusReply.ok(new UserStatusReply(found.map(User::active).orElse(false))
        .toJson()));
  }

  /**
   * {@code {ids}} (at most {@link UserSummariesRequest#MAX_IDS} user ids); admin. The order service
   * asks it once per page of the administrators' order listing. Answers {@code {users}}, one per
   * known id; unknown ids have none, a malformed one is 400.
   */
  public Future<BusReply> summaries(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), "ids");
    JsonArray values = input.optionalArray("ids");
    input.check(values != null, "ids", "is required");
    List<UUID> ids = new ArrayList<>();
    if (values != null) {
      input.check(values.size() <= UserSummariesRequest.MAX_IDS, "ids",
          "must have at most " + UserSummariesRequest.MAX_IDS + " entries");
      for (int i = 0; i < values.size(); i++) {
        Optional<UUID> id = Ids.parse(values.getValue(i));
        id.ifPresent(ids::add);
        input.check(id.isPresent(), "ids[" + i + "]", "must be a UUID");
      }
    }
    input.validate();
    if (ids.isEmpty()) {
      return Future.succeededFuture(BusReply.ok(new UserSummaries(List.of()).toJson()));
    }
    return users.findByIds(ids).map(found -> BusReply.ok(new UserSummaries(found.stream().map(User::toUserSummary)
        .toList()).toJson()));
  }

  /** {@code {email}}; admin. */
  public Future<BusReply> findByEmail(BusRequest request) {
    request.caller().requireAdmin();
    Object email = request.body().getValue("email");
    if (!(email instanceof String text)) {
      return Future.failedFuture(ShopException.notFound("User not found"));
    }
    return users.findByEmail(text.trim().toLowerCase())
        .map(found -> BusReply.ok(found.orElseThrow(() -> ShopException.notFound("User not found")).toResponse()));
  }

  /** {@code {email, password, fullName?, phone?, role?}}; admin. */
  public Future<BusReply> create(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), NEW_USER);
    String email = input.requiredEmail("email");
    String password = AccountFields.password(input);
    String fullName = input.optionalString("fullName", 1, AccountFields.NAME_MAX);
    String phone = AccountFields.phone(input, "phone");
    Role role = input.optionalEnum("role", Role.class);
    input.validate();
    return passwords.hash(password)
        .compose(hash -> users.insert(new NewUser(email, hash, fullName, phone, role == null ? Role.CUSTOMER : role)))
        .map(user -> BusReply.created(user.toResponse()));
  }

  /**
   * {@code {id, changes:{fullName?, phone?, role?, isActive?}}}; the user themself or an admin.
   * Only an admin may change a role or activation (403 for anyone else).
   */
  public Future<BusReply> update(BusRequest request) {
    Caller caller = request.caller();
    caller.requireUser();
    JsonObject body = request.body().getJsonObject("changes", new JsonObject());
    JsonInput input = JsonInput.body(body, USER_UPDATE);
    if (!caller.isAdmin() && (body.containsKey("role") || body.containsKey("isActive"))) {
      // Reveal nothing about other accounts: ownership first, then the role rule.
      return visibleUser(caller, request.body().getValue("id")).compose(ignored ->
          Future.failedFuture(ShopException.forbidden("Only an administrator may change role or isActive")));
    }
    String fullName = input.optionalString("fullName", 1, AccountFields.NAME_MAX);
    input.check(!body.containsKey("fullName") || body.getValue("fullName") != null, "fullName", "must not be null");
    String phone = AccountFields.phone(input, "phone");
    Role role = input.optionalEnum("role", Role.class);
    Boolean active = input.optionalBoolean("isActive");
    input.validate();
    UserChanges changes = new UserChanges(fullName, body.containsKey("phone"), phone, role, active);
    return visibleUser(caller, request.body().getValue("id"))
        .compose(user -> {
          if (user.id().toString().equals(caller.userId()) && (Boolean.FALSE.equals(active)
              || (role != null && role != user.role()))) {
            return Future.failedFuture(ShopException.conflict("You cannot deactivate or demote your own account"));
          }
          return users.update(user.id(), changes);
        })
        .map(updated -> BusReply.ok(updated.orElseThrow(UserHandlers::notFound).toResponse()));
  }

  /** {@code {id}}; admin. Revokes the user's refresh tokens: no more login or refresh. */
  public Future<BusReply> deactivate(BusRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    UUID id = Ids.parse(request.body().getValue("id")).orElse(null);
    if (id == null) {
      return Future.failedFuture(notFound());
    }
    if (id.toString().equals(caller.userId())) {
      return Future.failedFuture(ShopException.conflict("You cannot deactivate your own account"));
    }
    return users.update(id, UserChanges.deactivation()).map(user -> BusReply.ok(user.orElseThrow(UserHandlers::notFound).toResponse()));
  }

  private Future<User> visibleUser(Caller caller, Object idValue) {
    UUID id = Ids.parse(idValue).orElse(null);
    if (id == null || !caller.mayAccess(id.toString())) {
      return Future.failedFuture(notFound());
    }
    return users.findById(id).map(found -> found.orElseThrow(UserHandlers::notFound));
  }

  private static ShopException notFound() {
    return ShopException.notFound("User not found");
  }
}
