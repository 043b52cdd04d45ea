"""The steps of a staff member's day in the browser, one module per part of the work; each step
drives the page and checks what the person sees, at a desktop's width and at a phone's."""

PASSWORD = "correct horse battery staple"  # every factory-made user's (tests/factories.py)
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


def log_in(page, username: str) -> None:
    """Log in from the admin's login page and land on the home."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/admin/")


def fits_the_screen(page) -> None:
    """Nothing on the page is wider than the screen (a phone's included)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the screen"
