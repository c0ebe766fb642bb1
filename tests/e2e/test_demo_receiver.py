"""The local receiver counts what arrived whole: a request cut off by a sender that died
mid-body (a fault drill kills the alert process) is not a delivery."""

from __future__ import annotations

import socket

import httpx

from chokewatch.services.demo.receiver import Receiver


def test_a_request_cut_off_mid_body_is_not_counted_and_a_whole_one_is():
    with Receiver() as receiver:
        host, port = receiver.server.server_address[:2]
        for sent in (b"", b'{"alert": '):  # cut before the body, and inside it
            with socket.create_connection((host, port), timeout=5) as cut:
                cut.sendall(b"POST /hooks/a HTTP/1.1\r\nHost: x\r\n"
                            b"content-type: application/json\r\ncontent-length: 40\r\n\r\n" + sent)
                cut.shutdown(socket.SHUT_WR)
                assert cut.recv(100) == b""  # closed without an answer
        whole = httpx.post(receiver.url("/hooks/a"), json={"alert": {"event_id": "e"}}, timeout=5)
        assert whole.status_code == 204
        assert [d.body for d in receiver.received("/hooks/a")] == [{"alert": {"event_id": "e"}}]
