# British English dates ("24 October 2010"), as the project's own documents write them.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
# Money before the number ("€8,056"): read by home.templatetags.formatting.money.
MONEY_FORMAT = "€{amount}"
