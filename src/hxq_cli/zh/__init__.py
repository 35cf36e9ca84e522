"""The language knowledge of hxq, in one place: Chinese numerals, figures and units, counts in
titles, and how figures are said."""
