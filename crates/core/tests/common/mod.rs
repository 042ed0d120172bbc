//! A small desk for tests: a case opened from feed events, acted on through
//! the real decider, each accepted event applied to the state.
#![allow(dead_code)]

use accord_core::feed::{
    ContractHeader, FeedEvent, FeedEventBody, Freelancer, Ground, Milestone, Person,
};
use accord_core::money::Amount;
use accord_core::{decide, Action, Actor, CaseState, Currency, PolicySet, Recorded, Refusal, Rule};
use chrono::{DateTime, Utc};

pub fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("a test time")
}

pub fn amount(s: &str) -> Amount {
    Amount::of(Currency::USD.parse(s).expect("a test amount"))
}

pub fn header(milestones: &[&str]) -> ContractHeader {
    ContractHeader {
        id: "C-1".into(),
        title: "Test contract".into(),
        currency: Currency::USD,
        client: Person {
            id: "U-1".into(),
            name: "Client Co".into(),
            country: "US".into(),
        },
        freelancer: Freelancer {
            id: "U-2".into(),
            name: "Fran Lance".into(),
            country: "PT".into(),
            agency: None,
        },
        milestones: milestones
            .iter()
            .enumerate()
            .map(|(i, a)| Milestone {
                id: format!("M-{}", i + 1),
                seq: i as u32 + 1,
                title: format!("Milestone {}", i + 1),
                description: "Work".into(),
                amount: amount(a),
            })
            .collect(),
    }
}

pub struct Desk {
    pub state: CaseState,
    pub log: Vec<Recorded>,
    pub header: ContractHeader,
}

impl Desk {
    /// A case filed at `filed` over `disputed` of a contract whose milestones
    /// are all funded.
    pub fn filed(filed: &str, disputed: &str, ground: Ground, milestones: &[&str]) -> Desk {
        let header = header(milestones);
        let mut log = Vec::new();
        let mut n = 0;
        let mut ev = |at: DateTime<Utc>, body: FeedEventBody| {
            n += 1;
            Recorded::platform(FeedEvent {
                id: format!("E-{n}"),
                at,
                body,
            })
        };
        let funded_at = t(filed) - chrono::Duration::days(20);
        for m in &header.milestones {
            log.push(ev(
                funded_at,
                FeedEventBody::MilestoneFunded {
                    milestone: m.id.clone(),
                    amount: m.amount,
                },
            ));
        }
        log.push(ev(
            t(filed),
            FeedEventBody::DisputeFiled {
                dispute: "D-1".into(),
                ground,
                milestone: (ground == Ground::MilestoneNotReleased).then(|| "M-1".to_string()),
                amount: amount(disputed),
                reason: "work_completed".into(),
                statement: "Delivered.".into(),
            },
        ));
        let state = CaseState::fold("D-1", header.clone(), &PolicySet::builtin(), &log);
        Desk { state, log, header }
    }

    /// A 2023-policy case of 500.00 filed Friday 13 Feb 2026 09:20 UTC.
    pub fn small() -> Desk {
        Desk::filed(
            "2026-02-13T09:20:00Z",
            "500.00",
            Ground::EndedWithBalance,
            &["500.00"],
        )
    }

    pub fn try_act(&mut self, who: &str, at: &str, action: &str) -> Result<Vec<Recorded>, Refusal> {
        let actor: Actor = who.parse().expect("a test actor");
        let action = Action::from_json(action).expect("a test action");
        let before = self.state.clone();
        let out = decide(&self.state, &action, &actor, t(at));
        assert_eq!(
            self.state, before,
            "deciding never changes the state it reads"
        );
        if let Ok(events) = &out {
            for e in events {
                self.state.apply(e);
                self.log.push(e.clone());
            }
        }
        out
    }

    pub fn act(&mut self, who: &str, at: &str, action: &str) -> Vec<Recorded> {
        match self.try_act(who, at, action) {
            Ok(e) => e,
            Err(r) => panic!("{action} by {who} at {at} was refused: {r}"),
        }
    }

    /// The action must be refused by `rule` and record nothing.
    pub fn refused(&mut self, rule: Rule, who: &str, at: &str, action: &str) {
        let before = self.state.clone();
        match self.try_act(who, at, action) {
            Ok(events) => panic!(
                "{action} by {who} should be refused by {rule}, but recorded {} events",
                events.len()
            ),
            Err(r) => assert_eq!(r.rule, rule, "{action} by {who}: {}", r.message),
        }
        assert_eq!(self.state, before, "a refusal records nothing");
    }

    /// Assigned to ana and declined by the client on Saturday 14 Feb 2026.
    pub fn in_mediation() -> Desk {
        let mut d = Desk::small();
        d.act(
            "supervisor:sam",
            "2026-02-13T10:00:00Z",
            r#"{"type":"assign","specialist":"ana"}"#,
        );
        d.act(
            "specialist:ana",
            "2026-02-14T10:00:00Z",
            r#"{"type":"record_client_response","decision":"decline","statement":"Not what we asked for."}"#,
        );
        d
    }

    pub fn status(&self) -> &'static str {
        self.state.status.as_str()
    }

    pub fn outcome(&self) -> Option<&'static str> {
        self.state.outcome.map(|o| o.as_str())
    }

    /// (to_freelancer, to_client) as strings.
    pub fn allocation(&self) -> Option<(String, String)> {
        self.state
            .allocation
            .map(|a| (a.to_freelancer.to_string(), a.to_client.to_string()))
    }

    pub fn refold(&self) -> CaseState {
        CaseState::fold("D-1", self.header.clone(), &PolicySet::builtin(), &self.log)
    }
}
