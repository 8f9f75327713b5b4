"""kombu's filesystem transport, with every message written whole before a worker can see it.

The embedded default runs Celery on kombu's filesystem transport. Its ``_put`` creates the
message file under its final name and only then writes into it, while a worker polling the
folder ten times a second may move and read that file in between: it reads an empty message,
fails to decode it and stops, and ``make demo`` stops with it. Here a message is written under a
name the worker ignores and renamed into place, which is atomic on one filesystem.
"""

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        # The same name kombu gives a message: the worker takes them in name order.
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # A leading dot: the worker only reads names of the form "<anything>.<queue>.msg".
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as message:
                message.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
