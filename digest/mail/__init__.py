"""E-mail: subscribers, signed link tokens, composing and sending the bulletin. May import: bulletin and below."""
