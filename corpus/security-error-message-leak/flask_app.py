"""Flask views: jsonify and (body, status) tuples."""
from flask import Flask, abort, jsonify

app = Flask(__name__)


@app.route("/leads")
def leads():
    try:
        return jsonify(load_leads())
    except Exception as e:
        # ruleid: security-error-message-leak
        return jsonify(error=str(e)), 500


def tours_view():
    try:
        return load_tours()
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"error": "{}".format(e)}, 500


def reports_view():
    try:
        return load_reports()
    except Exception as e:
        # ruleid: security-error-message-leak
        abort(500, description=f"report failed: {e!r}")


@app.route("/health")
def health():
    try:
        ping_db()
    except Exception as e:
        app.logger.exception("health check failed")
        # ok: security-error-message-leak
        return jsonify(status="unhealthy", error_type=type(e).__name__), 503
    return jsonify(status="ok")


@app.route("/import", methods=["POST"])
def import_rows():
    try:
        run_import()
    except ValueError as e:
        app.logger.warning("bad import: %s", e)
        # ok: security-error-message-leak
        abort(400, description="The file could not be imported")
    # ok: security-error-message-leak
    return {"status": "ok"}, 200


@app.errorhandler(500)
def server_error(error):
    # ruleid: security-error-message-leak
    return jsonify(error="Internal error", original=str(error.original_exception)), 500


def parse_port(text):
    """A (value, exit code) pair for a command line, not a response."""
    try:
        return int(text), 0
    except ValueError as e:
        # ok: security-error-message-leak
        return str(e), 2
