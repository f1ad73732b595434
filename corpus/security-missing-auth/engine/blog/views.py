"""Django function views."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Post


# ok: security-missing-auth
@login_required
@require_POST
def publish(request, pk):
    Post.objects.filter(pk=pk).update(published=True)
    return JsonResponse({"ok": True})


# ruleid: security-missing-auth
def delete_post(request, pk):
    Post.objects.filter(pk=pk).delete()
    return JsonResponse({"ok": True})


# ok: security-missing-auth
def show(request, pk):
    return JsonResponse({"post": Post.objects.get(pk=pk).title})
