"""What the reports' wording means: numbers, units, qualifier words, targets, derived values, English names."""
