"""Makes moto's DynamoDB atomic per request, as DynamoDB itself is (docs/architectuur.md, "Emulators").

moto serves each request on its own thread and checks a ConditionExpression before it writes, with no lock in
between: two conditional writes of the same version can both pass and one of them is lost. DynamoDB never does
that, and Termijnwacht's optimistic locking and exactly-once claims rely on it. This hook, loaded by Python at
start because the emulator puts its directory on PYTHONPATH, serialises the DynamoDB requests; the other services
(SNS, SQS and its long polls) stay concurrent.

moto also backs up a transaction (TransactWriteItems) by deep-copying every table it touches, so each transaction
costs time in proportion to the whole table. With the requests served one at a time, backing up only the items the
transaction touches is as safe: the hook does that, and a cancelled transaction still leaves nothing behind.

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


def _transactions_back_up_their_items():
    import copy

    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    state = {"in_transaction": False}

    class _Copy:
        """moto's `copy` inside the DynamoDB backend: a table is not copied while a transaction runs."""

        def __getattr__(self, name):
            return getattr(copy, name)

        @staticmethod
        def deepcopy(value, memo=None):
            if state["in_transaction"] and isinstance(value, Table):
                return value
            return copy.deepcopy(value, memo)

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        backup = []  # (table, key, the item as it was or None), in order
        for entry in transact_items:
            try:
                _, op = next(iter(entry.items()))
                table_name = op["TableName"]
                table = self.get_table(table_name)
                if "Item" in op:
                    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                    if table.range_key_attr is not None:
                        key[table.range_key_attr] = op["Item"][table.range_key_attr]
                else:
                    key = op["Key"]
                current = self.get_item(table_name, key)
                backup.append((table_name, key, None if current is None else copy.deepcopy(current.to_json()["Attributes"])))
            except Exception:  # noqa: BLE001 - a malformed entry: moto itself answers with the reason
                continue
        state["in_transaction"] = True
        try:
            return original(self, transact_items)
        except Exception:
            for table_name, key, attributes in reversed(backup):
                if attributes is None:
                    try:
                        self.delete_item(table_name, key)
                    except Exception:  # noqa: BLE001 - it was never written
                        pass
                else:
                    self.put_item(table_name, attributes)
            raise
        finally:
            state["in_transaction"] = False

    models.copy = _Copy()
    models.DynamoDBBackend.transact_write_items = transact_write_items


def _install():
    import moto.server as server

    _transactions_back_up_their_items()

    run_simple = server.run_simple

    def run_simple_serialised(host, port, application, *args, **kwargs):
        sys.stderr.write("termijnwacht: DynamoDB-verzoeken worden na elkaar verwerkt (atomair, zoals DynamoDB)\n")
        sys.stderr.write("termijnwacht: transacties bewaren alleen hun eigen items voor een terugdraai\n")
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
