"""Small pieces every Plenary app shares: change history and admin helpers. Depends on no app."""
