"""Django and Django REST framework views."""
import logging

from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

log = logging.getLogger(__name__)


def lead_detail(request, lead_id):
    try:
        return JsonResponse(load_lead(lead_id))
    except Exception as e:
        # ruleid: security-error-message-leak
        return JsonResponse({"error": str(e)}, status=500)


class TourView(APIView):
    def get(self, request):
        try:
            return Response(load_tours())
        except Exception as exc:
            # ruleid: security-error-message-leak
            return Response(data={"detail": f"tours failed: {exc}"}, status=500)

    def post(self, request):
        try:
            return Response(book_tour(request.data))
        except Exception:
            log.exception("booking failed")
            # ok: security-error-message-leak
            return Response({"detail": "Booking failed"}, status=500)
