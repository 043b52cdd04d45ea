"""Two-factor authentication: an authenticator app (TOTP) and one-time recovery codes, with
django-otp's devices. A password alone never reaches a protected identity (README, "Security")."""
