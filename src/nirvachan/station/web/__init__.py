"""The polling station's own web pages, served offline on the station device.

A small Django configuration of its own (``nirvachan.station.web.settings``): no central database,
signed-cookie sessions, the station's SQLite file reached only through
:class:`nirvachan.station.day.StationDay`. ``nirvachan station serve --data-dir DIR`` starts it
(``serve.main``).
"""
