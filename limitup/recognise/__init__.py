"""Recognition: from OCR text boxes to a catalogue type and its fields (pure functions)."""
