"""Geography: Vietnam's provinces and cities, their written forms and the 2025 merger (gazetteer). May import: text, urls, config, errors."""
