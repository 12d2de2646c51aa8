"""What analysts read: the catalogue, spreadsheets, the HTML report, the terminal view, scores."""
