-- One database per service, created on the PostgreSQL container's first start (docker-compose.yml).
CREATE DATABASE shop_user;
CREATE DATABASE shop_product;
CREATE DATABASE shop_cart;
CREATE DATABASE shop_order;
CREATE DATABASE shop_payment;
CREATE DATABASE shop_report;
CREATE DATABASE shop_ar;
