"""OCR repair: the word model, Swedish context cues and the word lists behind them."""
