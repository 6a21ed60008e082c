package dev.shop.user.address;

/** The text fields of an address; null in an update leaves the field as it is. */
public record AddressFields(String fullName, String phone, String street, String ward, String district,
    String city) {
}
