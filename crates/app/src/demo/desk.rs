//! Desk activity for one demo case, decided by the real rules: every action
//! goes through `accord_core::decide` with its actor and time, and its events
//! are applied to the case's state. A refusal is a bug of this generator and
//! is returned as such.

use accord_core::action::{ClientDecision, Party, ResponseDecision, Visibility};
use accord_core::clock::ClockName;
use accord_core::state::fee_party;
use accord_core::{decide, sweep, Action, Actor, Amount, CaseState, Recorded, Refusal, Status};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

use super::contract::percent_of;
use super::plan::{Plan, Target};
use super::rng::Rng;
use super::words::*;

const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

pub struct Desk<'a> {
    pub state: CaseState,
    pub events: Vec<Recorded>,
    /// The time of the last thing that happened.
    pub t: DateTime<Utc>,
    now: DateTime<Utc>,
    rng: Rng,
    plan: &'a Plan,
    /// Set when the next step would fall after `now`: nothing more happens.
    stopped: bool,
    office_hours: bool,
}

fn amount(minor: i64, state: &CaseState) -> Amount {
    Amount::of(state.currency().from_minor(minor))
}

impl<'a> Desk<'a> {
    /// `office_hours`: people act on weekdays from 08:00 to 19:00 UTC (now
    /// and then later); without it, at any hour (a desk on call).
    pub fn new(
        state: CaseState,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
        rng: Rng,
        plan: &'a Plan,
        office_hours: bool,
    ) -> Desk<'a> {
        Desk {
            state,
            events: Vec::new(),
            t: start,
            now,
            rng,
            plan,
            stopped: false,
            office_hours,
        }
    }

    fn status(&self) -> Status {
        self.state.status
    }

    /// `actor` does `action` at `at` (never before the last step). Past `now`
    /// the case stops where it is.
    fn act(&mut self, at: DateTime<Utc>, actor: Actor, action: Action) -> Result<(), Refusal> {
        if self.stopped {
            return Ok(());
        }
        let at = at.max(self.t);
        if at > self.now {
            self.stopped = true;
            return Ok(());
        }
        let recorded = decide(&self.state, &action, &actor, at).map_err(|r| {
            Refusal::new(
                r.rule,
                format!(
                    "demo generator: {} by {actor} at {at} on case {} ({}) was refused: {}",
                    action.kind(),
                    self.state.id,
                    self.state.status.as_str(),
                    r.message
                ),
            )
        })?;
        for e in &recorded {
            self.state.apply(e);
        }
        self.events.extend(recorded);
        self.t = at;
        Ok(())
    }

    /// The earliest due time among running clocks that have a default.
    fn deadline(&self) -> Option<DateTime<Utc>> {
        self.state
            .clocks
            .iter()
            .filter(|c| c.is_running() && c.name.has_default())
            .map(|c| c.due)
            .min()
    }

    /// A moment `lo..=hi` minutes after the last step, in working hours
    /// (weekdays, 08:00 to 19:00 UTC), but always well before the next
    /// default falls due (so the action is still allowed).
    fn soon(&mut self, lo: i64, hi: i64) -> DateTime<Utc> {
        let wanted = self.t + Duration::minutes(self.rng.range(lo, hi));
        let wanted = self.working_hours(wanted);
        match self.deadline() {
            Some(due) if due > self.t => {
                let room = (due - self.t).num_minutes();
                let cap = self.t + Duration::minutes(room * self.rng.range(55, 90) / 100);
                wanted.min(cap)
            }
            _ => wanted,
        }
    }

    /// `t`, or the next working-hours minute after it (one action in ten
    /// is done after hours).
    fn working_hours(&mut self, t: DateTime<Utc>) -> DateTime<Utc> {
        let after_hours = self.rng.chance(10);
        if !self.office_hours || after_hours {
            return t;
        }
        let mut day = t.date_naive();
        let hour = t.hour();
        if (8..19).contains(&hour) && day.weekday().num_days_from_monday() < 5 {
            return t;
        }
        if hour >= 19 {
            day = day.succ_opt().unwrap_or(day);
        }
        while day.weekday().num_days_from_monday() >= 5 {
            day = day.succ_opt().unwrap_or(day);
        }
        let minute = self.rng.range(0, 150) as u32;
        let start = day
            .and_hms_opt(8 + minute / 60, minute % 60, 0)
            .unwrap_or_default()
            .and_utc();
        start.max(t)
    }

    fn specialist(&self) -> Actor {
        Actor::Specialist(
            self.state
                .assigned_to
                .clone()
                .unwrap_or_else(|| "ana".into()),
        )
    }

    fn supervisor(&mut self) -> Actor {
        Actor::Supervisor(self.rng.pick(SUPERVISORS).to_string())
    }

    fn pick_specialist(&mut self, not: Option<&str>) -> String {
        loop {
            let weights: Vec<u32> = SPECIALISTS.iter().map(|s| s.1).collect();
            let name = SPECIALISTS[self.rng.weighted(&weights)].0;
            if Some(name) != not {
                return name.to_string();
            }
        }
    }

    fn assign(&mut self, lo: i64, hi: i64) -> Result<(), Refusal> {
        let current = self.state.assigned_to.clone();
        let name = self.pick_specialist(current.as_deref());
        let at = self.soon(lo, hi);
        let by = self.supervisor();
        self.act(at, by, Action::Assign { specialist: name })
    }

    fn note(&mut self, texts: &[&str], visibility: Visibility) -> Result<(), Refusal> {
        let at = self.soon(10, 8 * HOUR);
        let text = self.rng.pick(texts).to_string();
        let by = if self.rng.chance(85) {
            self.specialist()
        } else {
            self.supervisor()
        };
        self.act(
            at,
            by,
            Action::AddNote {
                text: Some(text),
                visibility,
            },
        )
    }

    fn contact(&mut self, party: Party, reached: bool) -> Result<(), Refusal> {
        let at = self.soon(30, 30 * HOUR);
        let channel = self.rng.pick(CHANNELS).to_string();
        let note = match (party, reached) {
            (Party::Client, true) if self.status() == Status::AwaitingClientResponse => {
                self.rng.pick(CONTACT_REACHED_CLIENT)
            }
            (Party::Client, true) => self.rng.pick(CONTACT_MEDIATION_CLIENT),
            (Party::Client, false) => self.rng.pick(CONTACT_FAILED_CLIENT),
            (Party::Freelancer, _) => self.rng.pick(CONTACT_FREELANCER),
        };
        let note = Some(note.to_string()).filter(|_| self.rng.chance(85));
        let by = self.specialist();
        self.act(
            at,
            by,
            Action::LogContactAttempt {
                party,
                channel,
                reached,
                note,
            },
        )
    }

    /// A specialist's extension of a running clock, within the policy's limit.
    fn extend(&mut self, clock: ClockName, by_supervisor: bool) -> Result<(), Refusal> {
        let Some(c) = self.state.clock(clock).filter(|c| c.is_running()) else {
            return Ok(());
        };
        let used = c.specialist_days();
        let limit = self.state.policy.specialist_extension_limit_days;
        let days = if by_supervisor {
            self.rng.range(2, 10) as u32
        } else {
            (self.rng.range(1, 3) as u32).min(limit.saturating_sub(used))
        };
        if days == 0 {
            return Ok(());
        }
        let at = self.soon(HOUR, DAY);
        let reason = Some(self.rng.pick(EXTENSION_REASONS).to_string());
        let by = if by_supervisor {
            self.supervisor()
        } else {
            self.specialist()
        };
        let action = Action::ExtendClock {
            clock: clock.as_str().into(),
            days: Some(days.into()),
            reason,
        };
        self.act(at, by, action)
    }

    /// The system's sweep, some hours after `clock` fell due.
    fn sweep_after(&mut self, clock: ClockName) -> Result<(), Refusal> {
        let Some(due) = self
            .state
            .clock(clock)
            .filter(|c| c.is_running())
            .map(|c| c.due)
        else {
            return Ok(());
        };
        let at = due.max(self.t) + Duration::minutes(self.rng.range(1, 6 * HOUR));
        self.act(at, Actor::System, Action::Sweep {})
    }

    /// A split of the disputed amount: `percent` to the freelancer.
    fn split(&self, percent: i64) -> (Amount, Amount) {
        let disputed = self.state.disputed.to_minor();
        let to_freelancer = percent_of(disputed, percent);
        (
            amount(to_freelancer, &self.state),
            amount(disputed - to_freelancer, &self.state),
        )
    }

    fn respond(&mut self, party: Party, decision: ResponseDecision) -> Result<(), Refusal> {
        let at = self.soon(2 * HOUR, 3 * DAY);
        let by = self.specialist();
        self.act(
            at,
            by,
            Action::RecordRecommendationResponse { party, decision },
        )
    }

    fn pay(&mut self, party: Party) -> Result<(), Refusal> {
        let Some(share) = self
            .state
            .fees
            .as_ref()
            .and_then(|f| f.share_of(fee_party(party)))
        else {
            return Ok(());
        };
        let at = self.soon(3 * HOUR, 5 * DAY);
        let by = self.specialist();
        self.act(
            at,
            by,
            Action::RecordFeePayment {
                party,
                amount: Amount::of(share),
            },
        )
    }

    fn withdraw(&mut self) -> Result<(), Refusal> {
        let at = self.soon(2 * HOUR, 4 * DAY);
        let reason = Some(self.rng.pick(WITHDRAW_REASONS).to_string());
        let by = self.specialist();
        self.act(at, by, Action::Withdraw { reason })
    }

    fn settle(&mut self) -> Result<(), Refusal> {
        let percent = *self
            .rng
            .pick(&[30, 40, 50, 50, 60, 65, 70, 75, 80, 90, 100]);
        let (to_freelancer, to_client) = self.split(percent);
        let at = self.soon(4 * HOUR, 6 * DAY);
        let terms =
            Some(self.rng.pick(SETTLEMENT_TERMS).to_string()).filter(|_| self.rng.chance(90));
        let by = self.specialist();
        self.act(
            at,
            by,
            Action::RecordSettlement {
                to_freelancer,
                to_client,
                terms,
            },
        )
    }

    fn issue(&mut self) -> Result<(), Refusal> {
        let percent = *self.rng.pick(&[25, 40, 50, 60, 65, 70, 75, 80, 100]);
        let (to_freelancer, to_client) = self.split(percent);
        let at = self.soon(6 * HOUR, 3 * DAY);
        let tier = match percent {
            0..=49 => 0,
            50..=74 => 1,
            _ => 2,
        };
        let rationale = Some(self.rng.pick(RATIONALES[tier]).to_string());
        let by = self.specialist();
        self.act(
            at,
            by,
            Action::IssueRecommendation {
                to_freelancer,
                to_client,
                rationale,
            },
        )
    }

    /// The whole case, as its plan says.
    pub fn run(&mut self) -> Result<(), Refusal> {
        let target = self.plan.target;
        let unassigned = self.plan.unassigned.unwrap_or_else(|| match target {
            Target::AwaitingClient => self.rng.chance(40),
            Target::ClientUnresponsive => self.rng.chance(20),
            _ => false,
        });
        if !unassigned {
            self.assign(20, 20 * HOUR)?;
            if self.rng.chance(35) {
                self.note(NOTES_TRIAGE, Visibility::Internal)?;
            }
            if self.rng.chance(30) {
                self.contact(Party::Freelancer, true)?;
            }
        }
        match target {
            Target::AwaitingClient => {
                if !unassigned && self.rng.chance(40) {
                    self.contact(Party::Client, true)?;
                }
                if !unassigned && self.rng.chance(15) {
                    self.extend(ClockName::ClientResponse, false)?;
                }
            }
            Target::ClientAccepted => {
                if self.rng.chance(30) {
                    self.contact(Party::Client, true)?;
                }
                let at = self.soon(2 * HOUR, 5 * DAY);
                let by = self.specialist();
                self.act(
                    at,
                    by,
                    Action::RecordClientResponse {
                        decision: ClientDecision::Accept,
                        statement: None,
                    },
                )?;
            }
            Target::ClientUnresponsive => {
                if !unassigned {
                    self.contact(Party::Client, false)?;
                    if self.rng.chance(30) {
                        self.extend(ClockName::ClientResponse, false)?;
                    }
                    if self.rng.chance(40) {
                        self.contact(Party::Client, false)?;
                    }
                }
                self.sweep_after(ClockName::ClientResponse)?;
            }
            Target::WithdrawnEarly if self.rng.chance(35) => {
                self.withdraw()?;
            }
            _ => {
                if self.rng.chance(20) {
                    self.contact(Party::Client, true)?;
                }
                let at = self.soon(3 * HOUR, 5 * DAY);
                let statement = Some(self.rng.pick(DECLINE_STATEMENTS).to_string());
                let by = self.specialist();
                self.act(
                    at,
                    by,
                    Action::RecordClientResponse {
                        decision: ClientDecision::Decline,
                        statement,
                    },
                )?;
                self.mediation()?;
            }
        }
        // A word after the outcome, now and then.
        if self.status() == Status::Resolved
            && self.state.assigned_to.is_some()
            && self.rng.chance(20)
        {
            self.note(NOTES_AFTER, Visibility::Internal)?;
        }
        Ok(())
    }

    fn mediation(&mut self) -> Result<(), Refusal> {
        let target = self.plan.target;
        if self.rng.chance(60) {
            self.contact(Party::Freelancer, true)?;
        }
        if target != Target::ClientUnreachable {
            if self.rng.chance(15) {
                // One failed attempt, then the client is reached: the count starts again.
                self.contact(Party::Client, false)?;
                self.contact(Party::Client, true)?;
            } else if self.rng.chance(45) {
                self.contact(Party::Client, true)?;
            }
        }
        if self.rng.chance(40) {
            self.note(NOTES_MEDIATION, Visibility::Internal)?;
        }
        if self.rng.chance(20) {
            self.note(NOTES_PARTIES, Visibility::Parties)?;
        }
        if self.rng.chance(6) {
            self.assign(HOUR, 2 * DAY)?;
        }
        if self.rng.chance(5) {
            self.extend(ClockName::Mediation, false)?;
        }
        match target {
            Target::ClientUnreachable => {
                if self.rng.chance(40) {
                    self.contact(Party::Client, true)?;
                }
                self.contact(Party::Client, false)?;
                self.contact(Party::Client, false)?;
            }
            Target::Settled => self.settle()?,
            Target::WithdrawnEarly => self.withdraw()?,
            Target::InMediation => {
                let returned = self.plan.returned.unwrap_or(false)
                    && self.state.policy.needs_review(self.state.disputed);
                if returned {
                    self.issue()?;
                    let at = self.soon(2 * HOUR, 2 * DAY);
                    let note = Some(self.rng.pick(RETURN_NOTES).to_string());
                    let by = self.supervisor();
                    self.act(at, by, Action::ReturnRecommendation { note })?;
                }
            }
            _ => self.recommendation()?,
        }
        Ok(())
    }

    fn recommendation(&mut self) -> Result<(), Refusal> {
        let target = self.plan.target;
        self.issue()?;
        if self.status() == Status::RecommendationInReview {
            if target == Target::InReview {
                return Ok(());
            }
            let returned = self.plan.returned.unwrap_or_else(|| self.rng.chance(15));
            if returned {
                let at = self.soon(2 * HOUR, 2 * DAY);
                let note = Some(self.rng.pick(RETURN_NOTES).to_string());
                let by = self.supervisor();
                self.act(at, by, Action::ReturnRecommendation { note })?;
                self.issue()?;
            }
            let at = self.soon(HOUR, 30 * HOUR);
            let by = self.supervisor();
            self.act(at, by, Action::ApproveRecommendation {})?;
        }
        if self.status() != Status::AwaitingRecommendationResponses {
            return Ok(());
        }
        let first = if self.rng.chance(50) {
            Party::Client
        } else {
            Party::Freelancer
        };
        let second = match first {
            Party::Client => Party::Freelancer,
            Party::Freelancer => Party::Client,
        };
        match target {
            Target::AwaitingResponses => {
                if self.rng.chance(50) {
                    self.respond(first, ResponseDecision::Accept)?;
                }
            }
            Target::RecommendationAccepted => {
                if self.rng.chance(10) {
                    self.extend(ClockName::RecommendationResponse, true)?;
                }
                self.respond(first, ResponseDecision::Accept)?;
                self.respond(second, ResponseDecision::Accept)?;
            }
            Target::SettledAfterRecommendation => {
                if self.rng.chance(50) {
                    self.respond(first, ResponseDecision::Accept)?;
                }
                self.settle()?;
            }
            _ => {
                let silence = self.plan.silence.unwrap_or_else(|| self.rng.chance(30));
                if self.rng.chance(40) {
                    self.respond(first, ResponseDecision::Accept)?;
                }
                if silence {
                    self.sweep_after(ClockName::RecommendationResponse)?;
                } else {
                    self.respond(second, ResponseDecision::Reject)?;
                }
                self.fees()?;
            }
        }
        Ok(())
    }

    fn fees(&mut self) -> Result<(), Refusal> {
        if self.status() != Status::AwaitingArbitrationFees {
            return Ok(());
        }
        let first = if self.rng.chance(60) {
            Party::Freelancer
        } else {
            Party::Client
        };
        let second = match first {
            Party::Client => Party::Freelancer,
            Party::Freelancer => Party::Client,
        };
        match self.plan.target {
            Target::AwaitingFees => {
                if self.rng.chance(50) {
                    self.pay(first)?;
                }
            }
            Target::NoArbitration => {
                if self.rng.chance(15) {
                    self.extend(ClockName::ArbitrationFees, false)?;
                }
                self.sweep_after(ClockName::ArbitrationFees)?;
            }
            Target::FeeDefault => {
                self.pay(first)?;
                self.sweep_after(ClockName::ArbitrationFees)?;
            }
            Target::WithdrawnDuringFees => {
                if self.rng.chance(70) {
                    self.pay(first)?;
                }
                self.withdraw()?;
            }
            _ => {
                self.pay(first)?;
                self.pay(second)?;
                if self.plan.target == Target::Award {
                    let at = self.t + Duration::minutes(self.rng.range(12 * DAY, 50 * DAY));
                    let percent = *self.rng.pick(&[0, 20, 35, 50, 60, 70, 85, 100]);
                    let (to_freelancer, to_client) = self.split(percent);
                    let provider = self
                        .state
                        .fees
                        .as_ref()
                        .map(|f| f.provider.clone())
                        .unwrap_or_default();
                    let year = at.format("%y");
                    let reference = Some(format!(
                        "{provider}-{year}-{:06}",
                        self.rng.range(1, 999_999)
                    ));
                    let by = if self.rng.chance(25) {
                        self.supervisor()
                    } else {
                        self.specialist()
                    };
                    self.act(
                        at,
                        by,
                        Action::RecordAward {
                            to_freelancer,
                            to_client,
                            reference,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Defaults that fell due by `now` and were not applied yet, as the
    /// nightly sweep would have applied them.
    pub fn finish(&mut self) {
        let defaults = sweep(&self.state, self.now);
        for e in &defaults {
            self.state.apply(e);
        }
        self.events.extend(defaults);
    }
}
