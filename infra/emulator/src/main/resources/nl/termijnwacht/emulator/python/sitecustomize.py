"""Makes moto's DynamoDB atomic per request, as DynamoDB itself is (docs/architectuur.md, "Emulators").

moto serves each request on its own thread and checks a ConditionExpression before it writes, with no lock in
between: two conditional writes of the same version can both pass and one of them is lost. DynamoDB never does
that, and Termijnwacht's optimistic locking and exactly-once claims rely on it. This hook, loaded by Python at
start because the emulator puts its directory on PYTHONPATH, serialises the DynamoDB requests; the other services
(SNS, SQS and its long polls) stay concurrent.

If the hook cannot be applied the process stops: an emulator that silently loses writes proves nothing.
"""
import os
import sys
import threading

_TARGET_PREFIX = "DynamoDB_20120810."


def _serialise_dynamodb(app):
    lock = threading.Lock()

    def middleware(environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith(_TARGET_PREFIX):
            with lock:  # the whole request, body included, as one step
                result = app(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
        return app(environ, start_response)

    return middleware


def _install():
    import moto.server as server

    run_simple = server.run_simple

    def run_simple_serialised(host, port, application, *args, **kwargs):
        sys.stderr.write("termijnwacht: DynamoDB-verzoeken worden na elkaar verwerkt (atomair, zoals DynamoDB)\n")
        sys.stderr.flush()
        return run_simple(host, port, _serialise_dynamodb(application), *args, **kwargs)

    server.run_simple = run_simple_serialised


# Only in moto's own interpreter: the emulator sets PYTHONPATH for nothing else, but a wrapper might be Python.
if "moto" in os.path.basename(sys.argv[0] if sys.argv else ""):
    try:
        _install()
    except Exception as error:  # noqa: BLE001 - any failure means moto would run without the guarantee
        sys.stderr.write("termijnwacht: kon moto's DynamoDB niet atomair maken (%r); moto wordt niet gestart\n" % (error,))
        sys.stderr.flush()
        os._exit(3)
