"""Flask's render_template_string renders what it is given into the page."""
from flask import Flask, render_template_string

app = Flask(__name__)


@app.route("/report")
def report():
    try:
        build()
    except Exception as e:
        # ruleid: security-error-message-leak
        return render_template_string("<p>Error: {{ msg }}</p>", msg=str(e)), 500


@app.route("/report2")
def report2():
    try:
        build()
    except Exception as e:
        # ruleid: security-error-message-leak
        return render_template_string(f"<p>{e}</p>")


@app.route("/report3")
def report3():
    try:
        build()
    except Exception:
        app.logger.exception("report failed")
        # ok: security-error-message-leak
        return render_template_string("<p>Something went wrong</p>"), 500
