package dev.shop.product.seed;

import java.util.List;

/**
 * What seeding ({@code shop seed}, dev mode's demo catalogue) fills the catalogue with: a category
 * tree (Vietnamese names, as the shop's customers browse it) whose leaves say what their products
 * are called, in Vietnamese and English, which brands make them and what they cost (VND).
 */
final class SeedCatalogue {

  /**
   * A leaf category, its path from the top of the tree, and the products it holds; {@code models}
   * are in step with {@code brands} (the n-th model is the n-th brand's).
   */
  record Leaf(List<String> path, String vietnameseNoun, String englishNoun, List<String> brands, List<String> models,
      long minPriceVnd, long maxPriceVnd) {
  }

  static final List<String> COLORS_VI = List.of("Đen", "Trắng", "Xanh dương", "Đỏ", "Xám", "Vàng", "Hồng");
  static final List<String> COLORS_EN = List.of("Black", "White", "Blue", "Red", "Grey", "Gold", "Pink");

  static final List<Leaf> LEAVES = List.of(
      new Leaf(List.of("Điện tử", "Điện thoại & Máy tính bảng", "Điện thoại di động"), "Điện thoại", "Smartphone",
          List.of("Samsung", "Apple", "Xiaomi", "OPPO", "Vivo", "Nokia"),
          List.of("Galaxy A55", "iPhone 15", "Redmi Note 13", "Reno 11", "V30", "G42"), 2_500_000, 35_000_000),
      new Leaf(List.of("Điện tử", "Điện thoại & Máy tính bảng", "Máy tính bảng"), "Máy tính bảng", "Tablet",
          List.of("Apple", "Samsung", "Lenovo", "Xiaomi"),
          List.of("iPad Air", "Galaxy Tab S9", "Tab P12", "Pad 6"), 4_000_000, 30_000_000),
      new Leaf(List.of("Điện tử", "Máy tính", "Laptop", "Laptop văn phòng"), "Laptop văn phòng", "Business laptop",
          List.of("Dell", "HP", "Lenovo", "ASUS", "Acer"),
          List.of("Inspiron 14", "Pavilion 15", "ThinkPad E14", "Vivobook 15", "Aspire 5"), 9_000_000, 28_000_000),
      new Leaf(List.of("Điện tử", "Máy tính", "Laptop", "Laptop gaming"), "Laptop gaming", "Gaming laptop",
          List.of("ASUS", "MSI", "Acer", "Lenovo"),
          List.of("ROG Strix G16", "Katana 15", "Nitro V", "Legion 5"), 18_000_000, 60_000_000),
      new Leaf(List.of("Điện tử", "Máy tính", "Màn hình"), "Màn hình", "Monitor",
          List.of("LG", "Samsung", "Dell", "ViewSonic"),
          List.of("UltraGear 27", "Odyssey G5", "P2422H", "VX2479"), 2_500_000, 15_000_000),
      new Leaf(List.of("Điện tử", "Phụ kiện", "Tai nghe"), "Tai nghe", "Headphones",
          List.of("Sony", "JBL", "Apple", "Soundcore"),
          List.of("WH-1000XM5", "Tune 760NC", "AirPods Pro", "Life Q30"), 500_000, 9_000_000),
      new Leaf(List.of("Điện tử", "Phụ kiện", "Sạc & Cáp"), "Sạc nhanh", "Fast charger",
          List.of("Anker", "Ugreen", "Baseus", "Samsung"),
          List.of("Nano 65W", "Nexode 100W", "GaN 30W", "Super Fast 25W"), 150_000, 1_500_000),
      new Leaf(List.of("Thời trang", "Thời trang nam", "Áo sơ mi nam"), "Áo sơ mi nam", "Men's shirt",
          List.of("Owen", "Việt Tiến", "Aristino", "Uniqlo"),
          List.of("Slim fit", "Oxford", "Linen", "Kẻ sọc"), 250_000, 1_200_000),
      new Leaf(List.of("Thời trang", "Thời trang nam", "Giày nam"), "Giày nam", "Men's shoes",
          List.of("Biti's", "Nike", "Adidas", "Converse"),
          List.of("Hunter X", "Air Force 1", "Ultraboost", "Chuck 70"), 400_000, 4_500_000),
      new Leaf(List.of("Thời trang", "Thời trang nữ", "Váy đầm"), "Váy đầm", "Dress",
          List.of("IVY moda", "Elise", "Zara", "H&M"),
          List.of("Maxi hoa", "Công sở", "Suông", "Xòe"), 300_000, 2_500_000),
      new Leaf(List.of("Thời trang", "Thời trang nữ", "Túi xách"), "Túi xách", "Handbag",
          List.of("Vascara", "Charles & Keith", "Juno", "Pedro"),
          List.of("Tote", "Đeo chéo", "Mini", "Công sở"), 350_000, 3_500_000),
      new Leaf(List.of("Nhà cửa & Đời sống", "Nhà bếp", "Nồi cơm điện"), "Nồi cơm điện", "Rice cooker",
          List.of("Sharp", "Panasonic", "Toshiba", "Sunhouse", "Cuckoo"),
          List.of("1.8L", "1.0L cao tần", "2.2L", "1.5L tách đường"), 600_000, 6_000_000),
      new Leaf(List.of("Nhà cửa & Đời sống", "Nhà bếp", "Chảo chống dính"), "Chảo chống dính", "Non-stick pan",
          List.of("Lock&Lock", "Tefal", "Sunhouse", "Elmich"),
          List.of("24cm", "26cm", "28cm", "Sâu lòng 30cm"), 150_000, 1_200_000),
      new Leaf(List.of("Nhà cửa & Đời sống", "Nội thất", "Sofa"), "Sofa", "Sofa",
          List.of("Nhà Xinh", "IKEA", "Hòa Phát", "Poliform"),
          List.of("Băng 3 chỗ", "Góc chữ L", "Giường", "Đơn"), 4_000_000, 45_000_000),
      new Leaf(List.of("Nhà cửa & Đời sống", "Nội thất", "Bàn làm việc"), "Bàn làm việc", "Desk",
          List.of("Hòa Phát", "IKEA", "FlexiSpot", "The One"),
          List.of("Nâng hạ E7", "Gỗ sồi 120", "Chữ L", "Gấp gọn"), 900_000, 12_000_000),
      new Leaf(List.of("Sách", "Sách tiếng Việt", "Văn học"), "Tiểu thuyết", "Novel",
          List.of("NXB Trẻ", "Nhã Nam", "NXB Kim Đồng", "Alpha Books"),
          List.of("Bìa mềm", "Bìa cứng", "Bản đặc biệt", "Tái bản 2026"), 60_000, 450_000),
      new Leaf(List.of("Sách", "English books", "Business"), "Sách kinh doanh", "Business book",
          List.of("Penguin", "HarperCollins", "Wiley", "O'Reilly"),
          List.of("Paperback", "Hardcover", "Second edition", "Collector's edition"), 150_000, 1_200_000),
      new Leaf(List.of("Thể thao & Dã ngoại", "Xe đạp"), "Xe đạp", "Bicycle",
          List.of("Giant", "Trek", "Asama", "Thống Nhất"),
          List.of("ATX 27.5", "FX 2", "City 26", "MTB 24"), 2_000_000, 25_000_000),
      new Leaf(List.of("Thể thao & Dã ngoại", "Lều trại"), "Lều cắm trại", "Camping tent",
          List.of("Naturehike", "Coleman", "Quechua"),
          List.of("2 người", "4 người", "Tự bung", "Siêu nhẹ"), 500_000, 6_000_000));

  private SeedCatalogue() {
  }

  /** How a category of the tree is known while seeding: its path, {@code "Điện tử / Máy tính"}. */
  static String pathKey(List<String> path) {
    return String.join(" / ", path);
  }
}
