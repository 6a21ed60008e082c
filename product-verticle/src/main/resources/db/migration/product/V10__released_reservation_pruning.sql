-- What ReleasedReservationPruning looks for: released reservations, oldest first.
CREATE INDEX stock_reservations_released_idx ON stock_reservations (updated_at) WHERE status = 'RELEASED';
