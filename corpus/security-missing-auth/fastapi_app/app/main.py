"""The app: its routers are mounted here, two modules away from their routes."""
from fastapi import Depends, FastAPI

from app.api.main import api_router, open_router
from app.config import settings
from app.deps import get_current_user

app = FastAPI()
# every route under api_router needs the user, whatever module declares it
app.include_router(api_router, prefix=settings.API_PREFIX, dependencies=[Depends(get_current_user)])
app.include_router(open_router, prefix="/open")
