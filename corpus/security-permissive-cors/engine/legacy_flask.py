# Flask-CORS: origins default to "*".
from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)
# ruleid: security-permissive-cors @error
CORS(app, supports_credentials=True)

public = Flask("public")
# ruleid: security-permissive-cors @note
CORS(public)

admin = Flask("admin")
# ok: security-permissive-cors
CORS(admin, origins=["https://admin.example.com"], supports_credentials=True)


@app.route("/me")
# ruleid: security-permissive-cors @error
@cross_origin(origins="*", supports_credentials=True)
def me():
    return {"ok": True}
