"""A small Chrome DevTools Protocol client for the browser tests, standard library only.

Chromium is started headless with --remote-debugging-pipe: commands go to its
fd 3 and answers come from its fd 4, one JSON message each, ended by a NUL byte
(no port, no websocket, no npm). One browser per test; each login gets its own
browser context (its own cookies), as two people on two machines would.
"""
import base64
import json
import os
import select
import shutil
import subprocess
import time


class Timeout(Exception):
    pass


def find_chromium():
    for name in (os.environ.get("RX_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    def __init__(self, profile, width=1366, height=768):
        exe = find_chromium()
        args = [exe, "--headless", "--remote-debugging-pipe", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--password-store=basic", "--use-mock-keychain", "--lang=zh-CN",
                "--hide-scrollbars", "--window-size=%d,%d" % (width, height), "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # root: the sandbox refuses to start
        # the shell moves our two pipes to the child's fds 3 and 4
        self.proc = subprocess.Popen(
            ["sh", "-c", 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null', "sh"] + args,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=dict(os.environ, LANGUAGE="zh_CN:zh"),  # with chromium-l10n: dates as 年/月/日
            stderr=open(os.path.join(profile + ".log"), "wb"))
        self.wfd = self.proc.stdin.fileno()
        self.rfd = self.proc.stdout.fileno()
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.width, self.height = width, height

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("chromium did not answer in time")
            r, _, _ = select.select([self.rfd], [], [], left)
            if r:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    raise EOFError("chromium exited")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        mid = self.next_id
        m = {"id": mid, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        os.write(self.wfd, json.dumps(m).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            m = self._read(deadline)
            if "method" in m:
                self.events.append(m)

    def page(self):
        """A new tab in a new browser context: its own cookies."""
        ctx = self.send("Target.createBrowserContext")["browserContextId"]
        tid = self.send("Target.createTarget", {"url": "about:blank",
                                                "browserContextId": ctx})["targetId"]
        sid = self.send("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
        return Page(self, sid)


class Page:
    def __init__(self, browser, sid):
        self.b, self.sid = browser, sid
        self.status = None
        for m in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.send(m)
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": browser.width, "height": browser.height,
            "deviceScaleFactor": 1, "mobile": False})
        self.send("Emulation.setLocaleOverride", {"locale": "zh-CN"})

    def send(self, method, params=None, timeout=30):
        return self.b.send(method, params, self.sid, timeout)

    def _drop(self, method):
        self.b.events = [e for e in self.b.events
                         if not (e["method"] == method and e.get("sessionId") == self.sid)]

    def _loaded(self, timeout=30):
        """Waits for the page's load; notes the HTTP status of its document."""
        self.b.wait_event("Page.loadEventFired", self.sid, timeout)
        self.status = None
        for e in self.b.events:
            if (e.get("sessionId") == self.sid and e["method"] == "Network.responseReceived"
                    and e["params"].get("type") == "Document"):
                self.status = e["params"]["response"]["status"]
        self._drop("Network.responseReceived")

    def goto(self, url):
        self._drop("Page.loadEventFired")
        self._drop("Network.responseReceived")
        self.send("Page.navigate", {"url": url})
        self._loaded()
        return self.status

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("page script: " + r["exceptionDetails"].get("text", "?") + ": " + expr)
        return r["result"].get("value")

    def text(self):
        return self.eval("document.body ? document.body.innerText : ''")

    def url(self):
        return self.eval("location.href")

    def has(self, selector):
        return self.eval("!!document.querySelector(%s)" % json.dumps(selector))

    def _center(self, selector):
        js = ("(function(){var e=document.querySelector(%s); if(!e) return null;"
              "e.scrollIntoView({block:'center'}); var r=e.getBoundingClientRect();"
              "return [r.left+r.width/2, r.top+r.height/2, r.width, r.height];})()"
              % json.dumps(selector))
        c = self.eval(js)
        if not c:
            raise RuntimeError("no element " + selector + " on " + self.url())
        if c[2] < 1 or c[3] < 1:
            raise RuntimeError("element " + selector + " is not visible")
        return c[0], c[1]

    def type(self, selector, value):
        """Clicks into a field, clears it, types value as the keyboard would."""
        self.click(selector, navigates=False)
        self.eval("document.querySelector(%s).select && document.querySelector(%s).select()"
                  % (json.dumps(selector), json.dumps(selector)))
        self.send("Input.insertText", {"text": value})

    def select(self, selector, value):
        self.eval("(function(){var e=document.querySelector(%s); e.value=%s;"
                  "e.dispatchEvent(new Event('change'));})()" % (json.dumps(selector), json.dumps(value)))

    def click(self, selector, navigates=True):
        """A real mouse click in the middle of the element; waits for the next page if it navigates."""
        x, y = self._center(selector)
        if navigates:
            self._drop("Page.loadEventFired")
            self._drop("Network.responseReceived")
        for t in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": t, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1})
        if navigates:
            self._loaded()
        return self.status

    def upload(self, selector, path):
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [path]})

    def screenshot(self, path, full=True):
        """A PNG of the page as a 1366-wide screen shows it (when full, down to 2000 pixels)."""
        h = self.eval("Math.max(document.documentElement.scrollHeight, %d)" % self.b.height)
        params = {"format": "png", "captureBeyondViewport": bool(full)}
        if full:
            params["clip"] = {"x": 0, "y": 0, "width": self.b.width,
                              "height": min(h, 2000), "scale": 1}
        data = self.send("Page.captureScreenshot", params, timeout=60)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def pdf(self):
        return base64.b64decode(self.send("Page.printToPDF", {"printBackground": False},
                                          timeout=60)["data"])
