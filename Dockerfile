# The platform's image: one jar, any service (SHOP_SERVICES picks which). docker-compose.yml runs
# the whole production shape from it. Build: docker build -t shop-platform .
# The jar is shop-server.jar: shop.jar without embedded PostgreSQL and its binaries, which only dev
# mode uses (about 26 MB instead of 109 MB).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, in a layer of their own that changes only when a pom changes.
COPY pom.xml ./
COPY common/pom.xml common/
COPY contracts/pom.xml contracts/
COPY nats-transport/pom.xml nats-transport/
COPY user-verticle/pom.xml user-verticle/
COPY product-verticle/pom.xml product-verticle/
COPY cart-verticle/pom.xml cart-verticle/
COPY order-verticle/pom.xml order-verticle/
COPY payment-verticle/pom.xml payment-verticle/
COPY report-verticle/pom.xml report-verticle/
COPY ar-verticle/pom.xml ar-verticle/
COPY gateway-verticle/pom.xml gateway-verticle/
COPY launcher/pom.xml launcher/
COPY bench/pom.xml bench/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -B -q -DskipTests package -pl launcher -am

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 shop \
 && useradd --system --uid 10001 --gid shop --home-dir /var/lib/shop --shell /usr/sbin/nologin shop \
 && mkdir -p /var/lib/shop && chown shop:shop /var/lib/shop
WORKDIR /app
COPY --from=build /src/launcher/target/shop-server.jar /app/shop-server.jar
USER 10001:10001
# The heap follows the container's memory limit; an out-of-memory JVM exits so it is restarted.
ENV SHOP_PROFILE=prod \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE 3000 9100
ENTRYPOINT ["java", "-jar", "/app/shop-server.jar"]
