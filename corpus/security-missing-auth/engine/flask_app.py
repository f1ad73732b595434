"""Flask: login_required, a blueprint's before_request gate, and a route with neither."""
from flask import Blueprint, Flask, abort, request, session
from flask_login import login_required

app = Flask(__name__)
admin = Blueprint("admin", __name__, url_prefix="/admin")


@admin.before_request
def require_admin():
    if not session.get("is_admin"):
        abort(403)


# ok: security-missing-auth
@admin.route("/users", methods=["POST"])
def create_user():
    User.objects.create(name=request.form["name"])
    return "", 201


# ok: security-missing-auth
@app.post("/posts")
@login_required
def create_post():
    Post.objects.create(title=request.form["title"])
    return "", 201


# ruleid: security-missing-auth
@app.route("/comments", methods=["GET", "POST"])
def comment():
    Comment.objects.create(body=request.form["body"])
    return "", 201
