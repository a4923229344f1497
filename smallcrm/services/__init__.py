"""What a shop owner does, as plain functions over the store. No Qt here."""
