"""What every front-end view of the portfolios app shares in answering."""

from django.utils.cache import patch_cache_control


def posted_data(request):
    # An unbound form on GET, so that a first visit shows no errors.
    return request.POST if request.method == "POST" else None


def private_response(response):
    """Kept out of shared caches: these pages show one person's material or secret links."""
    patch_cache_control(response, private=True, no_store=True)
    return response
