package dev.shop.e2e;

import org.junit.jupiter.api.Nested;

/** Every API contract, end to end through the gateway, with the services on the local (Vert.x event) bus of one JVM. */
class OverLocalBusTest {

  @Nested
  class Auth extends AuthApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Users extends UsersApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Addresses extends AddressesApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Gateway extends GatewayApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Categories extends CategoryApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Products extends ProductApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class ProductSearch extends ProductSearchApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Stock extends StockApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Cart extends CartApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Orders extends OrdersApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class AdminOrders extends AdminOrdersApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class CheckoutFromCart extends CheckoutFromCartApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class OrderConcurrency extends OrderConcurrencyContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Reservations extends ReservationContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Ar extends ArApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Payments extends PaymentsApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class Reports extends ReportsApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class ProductListFreshness extends ProductListFreshnessContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }

  @Nested
  class EventPipeline extends EventPipelineApiContract {
    @Override
    protected BusKind bus() {
      return BusKind.LOCAL;
    }
  }
}
