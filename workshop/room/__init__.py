"""The room: participants add their own words from their own phones, over the room's own
network, with nothing leaving the room. A small web server in the app's event loop
(server), the page it serves (page), the facilitator's queue (queue), the laptop's
address (address) and the QR code that carries it (qr). No Textual here."""

from workshop.room.queue import RoomQueue, Submission, ROOM_ACTIVITIES, record_for

__all__ = ["RoomQueue", "Submission", "ROOM_ACTIVITIES", "record_for"]
