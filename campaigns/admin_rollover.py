"""The campaign admin's "Roll over to next session" and "Suggested targets" pages, opened from a
campaign's page: each shows what it would do, and one click does it, through the services
(campaigns.services.roll_over_campaign, accept_suggested_targets). The access policy decides who
sees the buttons and the services ask it again."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from unfold.decorators import action

from campaigns.models import Campaign, Target
from campaigns.services import accept_suggested_targets, roll_over_campaign
from campaigns.suggestions import suggested_targets
from core.access import policy_for

ROLL_OVER_TEMPLATE = "admin/campaigns/campaign/roll_over.html"
SUGGESTIONS_TEMPLATE = "admin/campaigns/campaign/suggested_targets.html"


class RollOverAdminMixin:
    """For the Campaign admin: the two buttons on a campaign's page, and the pages they open."""

    actions_detail = ["roll_over", "suggest_targets"]

    def has_roll_over_permission(self, request, object_id=None) -> bool:
        campaign = self._campaign(request, object_id) if object_id else None
        policy = policy_for(Campaign)
        return policy.can_add(request.user) and (
            campaign is None or policy.can_change(request.user, campaign)
        )

    @action(description="Roll over to next session", url_path="roll-over", permissions=["roll_over"])
    def roll_over(self, request, object_id):
        campaign = self._campaign(request, object_id)
        if request.method == "POST":
            try:
                successor = roll_over_campaign(author=request.user, campaign=campaign)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
            self.message_user(request, _rolled_over(successor), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[successor.pk]))
        context = {
            **self._context(request, campaign, f"Roll over {campaign} to next session"),
            "successor": Campaign.objects.filter(rolled_over_from=campaign).first(),
            "targets": campaign.targets.count(),
            "thresholds": campaign.thresholds.exclude(kind="amendment_defeated").count(),
        }
        return TemplateResponse(request, ROLL_OVER_TEMPLATE, context)

    @action(description="Suggested targets", url_path="suggested-targets")
    def suggest_targets(self, request, object_id):
        campaign = self._campaign(request, object_id)
        if request.method == "POST":
            self._accept(request, campaign)
            return HttpResponseRedirect(request.path)
        context = {
            **self._context(request, campaign, f"Suggested targets for {campaign}"),
            "suggestions": suggested_targets(campaign),
            "may_accept": policy_for(Target).can_add(request.user, campaign),
        }
        return TemplateResponse(request, SUGGESTIONS_TEMPLATE, context)

    def _accept(self, request, campaign: Campaign) -> None:
        states = None if "all" in request.POST else request.POST.getlist("state")
        if states == []:
            return  # neither a row's button nor "Accept all": nothing asked
        try:
            accepted = accept_suggested_targets(author=request.user, campaign=campaign, states=states)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        names = ", ".join(target.state.common_name for target in accepted)
        self.message_user(request, f"{len(accepted)} targets added: {names}.", messages.SUCCESS)

    def _campaign(self, request, object_id) -> Campaign:
        campaign = self.get_object(request, unquote(str(object_id)))  # the policy's scope
        if campaign is None:
            raise Http404(f"No campaign with id {object_id}.")
        return campaign

    def _context(self, request, campaign: Campaign, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "original": campaign,
        }


def _rolled_over(successor: Campaign) -> str:
    draft = successor.resolutions.get()
    waiting = " (a placeholder until the UN publishes the draft)" if draft.is_placeholder else ""
    return (
        f"Rolled over to “{successor}”: {successor.targets.count()} targets and "
        f"{successor.thresholds.count()} thresholds, on {draft}{waiting}. Last session's stances show "
        "as history on its pages, not as current."
    )
