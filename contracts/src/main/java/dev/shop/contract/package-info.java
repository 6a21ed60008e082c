/**
 * Every service's contract on the bus, one package per service: its subjects' names, the requests
 * and replies other services exchange with it as records with their JSON mapping (the fields as
 * docs/PROTOCOL.md names them), and the error statuses its callers tell apart. Subjects only the
 * gateway forwards (HTTP bodies pass through unchanged) have a name and no record.
 */
package dev.shop.contract;
