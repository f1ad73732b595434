"""The app's dependencies."""
from fastapi import Depends, HTTPException


def get_current_user(token: str = ""):
    if not token:
        raise HTTPException(status_code=401)
    return {"id": token}


class PermissionsDependency:
    """Checks the current user's permissions (it needs the user first)."""

    def __init__(self, permissions):
        self.permissions = permissions

    def __call__(self, user=Depends(get_current_user)):
        return user
