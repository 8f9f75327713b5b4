# Latvian: Django's own formats (django/conf/locale/lv) for dates and numbers; only what Django
# has no setting for is added here.
# Money after the number, as Latvian writes it ("8 056 €"); the space is a non-breaking one.
MONEY_FORMAT = "{amount}\u00a0€"
