"""The browser's part of tests/ui/test_browser.sh: a teacher's clicks in headless Chromium.

Reads RX_UI_URL (the server), RX_UI_REPO (the node's git repository, to see
that nothing was written), RX_UI_UPLOAD (a screening file with a bad line),
RX_UI_PROFILE (a fresh directory for Chromium) and, when set, RX_UI_SHOTS (a
directory for the screenshots of docs/ui/). Prints one ok/FAIL line per check.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

U = os.environ["RX_UI_URL"]
REPO = os.environ["RX_UI_REPO"]
SHOTS = os.environ.get("RX_UI_SHOTS")
PASS = "correct-horse-电池"
failed = 0
checks = 0


def check(what, cond):
    global failed, checks
    checks += 1
    if cond:
        print("ok   " + what, flush=True)
    else:
        failed += 1
        print("FAIL " + what, flush=True)


def commits():
    out = subprocess.run(["git", "--git-dir=" + REPO, "rev-list", "--all"],
                         capture_output=True, text=True).stdout
    return len(out.split())


def shot(page, name):
    if SHOTS:
        page.screenshot(os.path.join(SHOTS, name + ".png"))


def rows(page, selector):
    """The text of each row matched, one string a row."""
    return page.eval("Array.from(document.querySelectorAll(%r)).map(function(r){return r.innerText})"
                     % selector)


def overdue_referral(page):
    return [r for r in rows(page, "tr.late") if "林晓雨" in r and "转介" in r]


def login(p, who, passphrase):
    if p.goto(U + "/login") != 200:
        return None
    if who:
        p.type("#who", who)
    p.type("#pass", passphrase)
    return p.click('form[action="/login"] button')


def teacher(b):
    p = b.page()
    # a page without a session shows the login page
    p.goto(U + "/students")
    check("without a session the browser lands on the login page",
          p.url() == U + "/login" and "口令" in p.text())
    shot(p, "login")
    check("a wrong passphrase is refused (403)", login(p, None, "wrong-passphrase") == 403)
    check("  and the page says so in Chinese", "口令不对" in p.text())
    cookies = p.send("Network.getCookies", {"urls": [U + "/"]})["cookies"]
    check("  and no session cookie was set", not any(c["name"] == "rx_s" for c in cookies))
    t = time.monotonic()
    check("the passphrase logs in", login(p, None, PASS) == 200 and p.url() == U + "/")
    print("figure: login and dashboard %.1f s" % (time.monotonic() - t), flush=True)
    check("  onto the dashboard", "红色预警学生" in p.text() and "待办事项" in p.text())
    return p


def dashboard(p):
    red = rows(p, "tr.lv3")
    mine = [r for r in red if "林晓雨" in r]
    check("the dashboard lists the red student", len(mine) >= 1)
    check("  and why: PHQ-9 item 9", any("PHQ-9 第9题" in r for r in mine))
    check("the referral owed for her is on the overdue list", len(overdue_referral(p)) == 1)
    due = rows(p, "table.dues tr")
    check("  warned students' duties come first", len(due) > 2 and "林晓雨" in due[2])
    shot(p, "dashboard")
    check("her name opens her page", p.click('tr.lv3 a[href="/student?no=S0001"]') == 200)
    t = p.text()
    check("  her timeline shows the screening and its item 9",
          "S0001 林晓雨 · 9年级1班" in t and "PHQ-9" in t and "第9题" in t)
    check("  and the level confirmed, with the reason", "一对一评估确认" in t)


def referral(p):
    check("the student's page links to a referral form",
          p.click('a[href="/record?type=rf&no=S0001"]') == 200 and "添加转介 · S0001 林晓雨 · 9年级1班" in p.text())
    shot(p, "record")
    p.select("#f_d", "2024-10-20")
    p.type("#f_h", "县人民医院")
    p.select("#f_gc", "是")
    check("saving the referral goes back to her page",
          p.click('form[action="/record"] button') == 200 and p.url() == U + "/student?no=S0001")
    check("  which shows it", "县人民医院" in p.text())
    shot(p, "student")
    p.goto(U + "/")
    check("the referral has left the overdue list", overdue_referral(p) == [])
    check("  while her other overdue duties remain",
          any("林晓雨" in r for r in rows(p, "tr.late")))


def students(p):
    check("the student list", p.goto(U + "/students") == 200 and "S0048" in p.text())
    shot(p, "students")
    p.select('select[name="level"]', "红")
    check("filtered by level red", p.click("form.filters button") == 200)
    listed = rows(p, "main table tr")[1:]
    check("  shows her alone", len(listed) == 1 and "林晓雨" in listed[0])


def import_preview(p):
    before = commits()
    check("the import page", p.goto(U + "/import") == 200)
    p.click('input[name="kind"][value="screening"]', navigates=False)
    p.select('select[name="scale"]', "phq9")
    p.type('input[name="round"]', "2024b")
    p.upload('input[name="file"]', os.environ["RX_UI_UPLOAD"])
    check("preview the upload", p.click('form[action="/import"] button') == 200)
    t = p.text()
    check("  one line can be imported, one is refused", "1 行可以导入" in t and "1 行被拒绝" in t)
    check("  the bad line is named with its reason before anything is written",
          "第 3 行" in t and "S9999" in t and "不在花名册中" in t)
    check("  nothing was written by the preview", commits() == before)
    shot(p, "import")
    check("confirm the import", p.click('form[action="/import"] button') == 200)
    check("  says what was written", "1 行已导入" in p.text())
    check("  and wrote it", commits() > before)


def letter(p):
    p.goto(U + "/student?no=S0001")
    check("the 知情书 opens from her page", p.click('a[href="/letter?kind=inf&no=S0001"]') == 200)
    t = p.text()
    check("  the letter renders: title, school, her name, level",
          "学生心理健康关爱知情书" in t and "城关中学" in t and "尊敬的林晓雨同学家长" in t
          and "红色预警" in t and "张静" in t)
    media = p.eval("Array.from(document.styleSheets).some(function(s){return Array.from(s.cssRules)"
                   ".some(function(r){return r.media && r.media.mediaText == 'print'})})")
    check("  it has print CSS (@media print)", media)
    shot(p, "letter")
    pdf = p.pdf()
    check("  it prints (PDF)", pdf[:5] == b"%PDF-" and len(pdf) > 2000)
    # the student's page prints as a one-student summary: no menus, no forms
    p.goto(U + "/student?no=S0001")
    p.send("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = p.eval("getComputedStyle(document.querySelector('header')).display == 'none' && "
                    "getComputedStyle(document.querySelector('form[action=\"/confirm\"]')).display == 'none'")
    p.send("Emulation.setEmulatedMedia", {"media": ""})
    check("  her page prints without menus and forms", hidden)


def head_teacher(b, p):
    p.goto(U + "/users")
    p.type('input[name="who"]', "王老师")
    p.type('input[name="password"]', "wang-pass-1")
    check("the psychology teacher sets 王老师's password", p.click('form[action="/users"] button') == 200)
    t = time.monotonic()
    h = b.page()  # another person: own cookies
    print("figure: a second browser context %.1f s" % (time.monotonic() - t), flush=True)
    check("王老师 logs in with it", login(h, "王老师", "wang-pass-1") == 200 and h.url() == U + "/")
    check("  opens a student of her class", h.goto(U + "/student?no=S0010") == 200)
    check("  cannot open a student of another class (403)", h.goto(U + "/student?no=S0001") == 403)
    check("  and is told why", "不在你所带的班级" in h.text() and "林晓雨" not in h.text())
    check("  nor her letter", h.goto(U + "/letter?kind=inf&no=S0001") == 403)
    h.goto(U + "/")
    check("  her dashboard does not show the other class's red student", "林晓雨" not in h.text())


def csrf(p):
    p.goto(U + "/student?no=S0003")
    before = commits()  # after the view's access record
    p.eval("document.querySelector('form[action=\"/confirm\"] input[name=csrf]').remove()")
    p.select('select[name="level"]', "黄")
    p.type('input[name="reason"]', "测试")
    check("a form sent without its CSRF token is refused (403)",
          p.click('form[action="/confirm"] button') == 403)
    check("  and says so", "拒绝" in p.text() or "令牌" in p.text())
    # another site's page posting to the server: no token, no cookie (SameSite=Strict)
    p.goto("data:text/html;charset=utf-8,<form method=post action='%s/confirm'>"
           "<input name=no value=S0003><input name=level value=红><input name=reason value=x>"
           "<button>go</button></form>" % U)
    check("a form from another site is refused (403)", p.click("button") == 403)
    check("  nothing was written", commits() == before)


def main():
    t0 = time.monotonic()
    b = cdp.Browser(os.environ["RX_UI_PROFILE"])
    try:
        b.send("Browser.getVersion", timeout=60)
        print("figure: chromium started in %.1f s" % (time.monotonic() - t0), flush=True)
        p = teacher(b)
        for step in (dashboard, referral, students, import_preview, letter, csrf):
            t = time.monotonic()
            step(p)
            print("figure: %s %.1f s" % (step.__name__, time.monotonic() - t), flush=True)
        t = time.monotonic()
        head_teacher(b, p)
        print("figure: head_teacher %.1f s" % (time.monotonic() - t), flush=True)
    finally:
        b.close()
    print("figure: browser part %.1f s" % (time.monotonic() - t0))
    print("browser: %d passed, %d failed" % (checks - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
