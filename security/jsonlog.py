"""Security events as one JSON object a line, for a SIEM to read from the application log."""

import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "logger": record.name,
            "level": record.levelname,
            "message": record.getMessage(),
            **getattr(record, "event", {}),
        }
        return json.dumps(entry, default=str)
