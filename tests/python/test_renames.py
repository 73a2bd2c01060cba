"""cellpipe/renames.py on its own: which events reach the engine, and that a failing engine
never fails a rename (the end-to-end case is in test_routes_engine.py)."""
import asyncio
import logging

from cellpipe.renames import CONTENTS_EVENTS, follow_renames


class Events:
    def __init__(self):
        self.listeners = []

    def add_listener(self, *, schema_id, listener):
        self.listeners.append((schema_id, listener))


class Server:
    def __init__(self):
        self.event_logger = Events()
        self.log = logging.getLogger("test-renames")


class Engine:
    def __init__(self, failure=None):
        self.requests = []
        self.failure = failure

    async def request(self, method, params=None, timeout=None):
        self.requests.append((method, params))
        if self.failure:
            raise self.failure
        return {"recorded": True}


def listener_for(engine):
    server = Server()
    assert follow_renames(server, engine) is True
    [(schema_id, listener)] = server.event_logger.listeners
    assert schema_id == CONTENTS_EVENTS
    return listener


def test_a_rename_and_a_deletion_reach_the_engine_and_other_actions_do_not():
    engine = Engine()
    listener = listener_for(engine)

    async def events():
        await listener(logger=None, schema_id=CONTENTS_EVENTS,
                       data={"action": "rename", "path": "b.ipynb", "source_path": "a.ipynb"})
        await listener(logger=None, schema_id=CONTENTS_EVENTS,
                       data={"action": "save", "path": "b.ipynb"})
        await listener(logger=None, schema_id=CONTENTS_EVENTS, data={"action": "rename"})
        await listener(logger=None, schema_id=CONTENTS_EVENTS,
                       data={"action": "delete", "path": "team/old.ipynb"})
        await listener(logger=None, schema_id=CONTENTS_EVENTS, data={"action": "delete"})
        await listener(logger=None, schema_id=CONTENTS_EVENTS,
                       data={"action": "copy", "path": "d.ipynb", "source_path": "b.ipynb"})
        # Called positionally, as an older jupyter_events might: still a coroutine that works.
        await listener(None, CONTENTS_EVENTS,
                       {"action": "rename", "path": "c.ipynb", "source_path": "b.ipynb"})

    asyncio.run(events())
    assert engine.requests == [
        ("notebookRenamed", {"from": "a.ipynb", "to": "b.ipynb"}),
        ("notebookDeleted", {"path": "team/old.ipynb"}),
        ("notebookRenamed", {"from": "b.ipynb", "to": "c.ipynb"}),
    ]


def test_a_failing_engine_is_logged_and_the_rename_goes_on(caplog):
    engine = Engine(failure=RuntimeError("engine stopped"))
    listener = listener_for(engine)
    caplog.set_level(logging.WARNING, logger="test-renames")
    asyncio.run(listener(logger=None, schema_id=CONTENTS_EVENTS,
                         data={"action": "rename", "path": "b.ipynb", "source_path": "a.ipynb"}))
    assert "the runs of a.ipynb do not follow it to b.ipynb: engine stopped" in caplog.text
    asyncio.run(listener(logger=None, schema_id=CONTENTS_EVENTS,
                         data={"action": "delete", "path": "a.ipynb"}))
    assert ("the runs of a.ipynb are not marked as those of a deleted notebook: engine stopped"
            in caplog.text)


def test_a_server_without_events_is_left_alone():
    server = Server()
    server.event_logger = None
    assert follow_renames(server, Engine()) is False
