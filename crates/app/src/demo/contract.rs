//! One demo contract and its platform history up to (and just after) the
//! dispute: milestones funded, work submitted, changes requested, payments
//! released (in full, in part, automatically, above escrow), bonuses, refunds,
//! messages with attachments, the contract ended, feedback, and the dispute.
//! Money is tracked in integer minor units, so the history always keeps the
//! feed's money rules.

use accord_core::feed::{
    Agency, Attachment, By, Contract, FeedEvent, FeedEventBody, Freelancer, Ground, Milestone,
    Person,
};
use accord_core::{Amount, Currency};
use chrono::{DateTime, Duration, Utc};

use super::plan::{Plan, MAX_AMOUNT, MIN_AMOUNT};
use super::rng::{fnv, Rng};
use super::words::*;

pub fn contract_id(seed: u64, n: u32) -> String {
    format!("C-{seed}-{n:05}")
}

pub fn case_id(seed: u64, n: u32) -> String {
    format!("D-{seed}-{n:05}")
}

fn money(minor: i64) -> Amount {
    Amount::of(Currency::USD.from_minor(minor))
}

/// Amount buckets in whole dollars, with their weights.
const BUCKETS: &[(i64, i64, u32)] = &[
    (150, 399, 20),
    (400, 999, 30),
    (1_000, 2_499, 25),
    (2_500, 5_999, 13),
    (6_000, 14_999, 7),
    (15_000, 19_999, 2),
    (20_000, 30_000, 3),
];

/// A milestone amount in minor units within `[min, max]`, rounded the way
/// people price work (to 5, 25 or 50 dollars; a few with cents).
pub fn amount(rng: &mut Rng, min: i64, max: i64) -> i64 {
    let (min_d, max_d) = ((min + 99) / 100, max / 100);
    let fits: Vec<(i64, i64, u32)> = BUCKETS
        .iter()
        .filter_map(|&(lo, hi, w)| {
            let (lo, hi) = (lo.max(min_d), hi.min(max_d));
            (lo <= hi).then_some((lo, hi, w))
        })
        .collect();
    if fits.is_empty() {
        return min;
    }
    let weights: Vec<u32> = fits.iter().map(|f| f.2).collect();
    let (lo, hi, _) = fits[rng.weighted(&weights)];
    let dollars = rng.range(lo, hi);
    let step = match dollars {
        0..=999 => 5,
        1_000..=4_999 => 25,
        _ => 50,
    };
    let rounded = (dollars / step * step).clamp(lo, hi);
    let mut minor = rounded * 100;
    if minor < 500_000 && rng.chance(8) {
        minor += *rng.pick(&[50, 99, 25]);
    }
    minor.clamp(min, max)
}

/// `minor × percent / 100`, down to whole dollars when there are any.
pub fn percent_of(minor: i64, percent: i64) -> i64 {
    let part = minor * percent / 100;
    if minor >= 10_000 {
        part / 100 * 100
    } else {
        part
    }
}

fn company(rng: &mut Rng) -> Person {
    let prefix = rng.pick(COMPANY_PREFIX);
    let core = rng.pick(COMPANY_CORE);
    let suffix = if *core == "Co." {
        ""
    } else {
        rng.pick(COMPANY_SUFFIX)
    };
    let name = format!("{prefix} {core}{suffix}");
    let h = fnv(&name);
    // The same company is always in the same country.
    let mut by_name = Rng::new(h as u64);
    let weights: Vec<u32> = CLIENT_COUNTRIES.iter().map(|c| c.1).collect();
    let country = CLIENT_COUNTRIES[by_name.weighted(&weights)].0;
    Person {
        id: format!("U-c{h:08x}"),
        name,
        country: country.into(),
    }
}

fn person(rng: &mut Rng) -> Freelancer {
    let weights: Vec<u32> = FREELANCER_COUNTRIES.iter().map(|c| c.weight).collect();
    let c = &FREELANCER_COUNTRIES[rng.weighted(&weights)];
    let first = rng.pick(c.first);
    let last = rng.pick(c.last);
    let name = if last.is_empty() {
        first.to_string()
    } else {
        format!("{first} {last}")
    };
    let h = fnv(&format!("{}|{name}", c.code));
    // About one freelancer in seven works through an agency, always the same one.
    let agency = matches!(h % 7, 0).then(|| {
        let i = (h / 7) as usize % AGENCIES.len();
        Agency {
            id: format!("A-{:03}", i + 1),
            name: AGENCIES[i].into(),
        }
    });
    Freelancer {
        id: format!("U-f{h:08x}"),
        name,
        country: c.code.into(),
        agency,
    }
}

fn attachments(rng: &mut Rng, names: &[&str], max: i64) -> Vec<Attachment> {
    let count = rng.range(1, max);
    let mut out: Vec<Attachment> = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let name = if rng.chance(80) {
            rng.pick(names)
        } else {
            rng.pick(OTHER_FILES)
        };
        if out.iter().any(|a| a.name == *name) {
            continue;
        }
        let bytes = match rng.below(3) {
            0 => rng.range(8_000, 400_000),
            1 => rng.range(400_000, 8_000_000),
            _ => rng.range(8_000_000, 250_000_000),
        } as u64;
        out.push(Attachment {
            name: name.to_string(),
            bytes,
            sha256: rng.hex64(),
        });
    }
    out
}

/// Events laid out in minutes from the contract's start.
struct Timeline {
    items: Vec<(i64, FeedEventBody)>,
    cursor: i64,
}

impl Timeline {
    fn push(&mut self, body: FeedEventBody) {
        self.items.push((self.cursor, body));
    }

    fn wait(&mut self, rng: &mut Rng, lo_minutes: i64, hi_minutes: i64) {
        self.cursor += rng.range(lo_minutes, hi_minutes);
    }
}

const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

fn message(rng: &mut Rng, by: By, files: &[&str]) -> FeedEventBody {
    let body = match by {
        By::Client => rng.pick(CLIENT_MESSAGES),
        _ => rng.pick(FREELANCER_MESSAGES),
    };
    let attachments = if rng.chance(20) {
        attachments(rng, files, 2)
    } else {
        Vec::new()
    };
    FeedEventBody::Message {
        by,
        body: body.to_string(),
        attachments,
    }
}

/// Contract `n` of demo `seed`, its dispute filed at `filed_at`. Events after
/// the filing (statements) that would fall after `now` are left out.
pub fn contract(
    seed: u64,
    n: u32,
    plan: &Plan,
    filed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Contract {
    let mut rng = Rng::derive(seed, super::plan::SALT_CONTRACT, n as u64);
    let work = rng.pick(WORK);
    let title = rng.pick(work.titles).to_string();
    let client = company(&mut rng);
    let freelancer = person(&mut rng);

    // Milestones: most contracts have one to three; a few are long, with richer histories.
    let count = [1usize, 2, 3, 4, 5, 6, 7, 8][rng.weighted(&[30, 30, 20, 10, 4, 3, 2, 1])];
    let rich = count >= 5;
    let disputed = if rich {
        rng.range(count as i64 / 2, count as i64 - 1) as usize
    } else {
        rng.below(count as u64) as usize
    };
    let cid = contract_id(seed, n);
    let mut amounts: Vec<i64> = (0..count)
        .map(|_| amount(&mut rng, MIN_AMOUNT, MAX_AMOUNT))
        .collect();
    amounts[disputed] = amount(&mut rng, plan.amount_min, plan.amount_max);
    let milestones: Vec<Milestone> = (0..count)
        .map(|k| {
            let (t, d) = work.milestones[k % work.milestones.len()];
            let round = k / work.milestones.len();
            let title = if round == 0 {
                t.to_string()
            } else {
                format!("{t} (round {})", round + 1)
            };
            Milestone {
                id: format!("M-{seed}-{n:05}-{}", k + 1),
                seq: k as u32 + 1,
                title,
                description: d.to_string(),
                amount: money(amounts[k]),
            }
        })
        .collect();

    let mut tl = Timeline {
        items: Vec::new(),
        cursor: 0,
    };
    let mut escrow: i64 = 0;
    let chatty = if rich { 55 } else { 25 };
    for k in 0..disputed {
        let m = milestones[k].id.clone();
        let a = amounts[k];
        tl.push(FeedEventBody::MilestoneFunded {
            milestone: m.clone(),
            amount: money(a),
        });
        escrow += a;
        tl.wait(&mut rng, 30, 3 * DAY);
        if rng.chance(chatty) {
            tl.push(message(&mut rng, By::Freelancer, work.files));
            tl.wait(&mut rng, 20, DAY);
        }
        let variant = rng.weighted(&[65, 9, 8, 4, 5, 9]);
        if variant == 4 {
            // Cancelled by agreement before the work started: the escrow goes back.
            tl.push(message(&mut rng, By::Client, work.files));
            tl.wait(&mut rng, 2 * HOUR, 3 * DAY);
            tl.push(FeedEventBody::RefundCompleted { amount: money(a) });
            escrow -= a;
            tl.wait(&mut rng, HOUR, 4 * DAY);
            continue;
        }
        tl.wait(&mut rng, 2 * DAY, 15 * DAY);
        let note = rng.pick(WORK_NOTES).to_string();
        let files = attachments(&mut rng, work.files, 3);
        tl.push(FeedEventBody::WorkSubmitted {
            milestone: m.clone(),
            by: By::Freelancer,
            note,
            attachments: files,
        });
        if variant != 2 && rng.chance(20) {
            tl.wait(&mut rng, 3 * HOUR, 3 * DAY);
            let note = rng.pick(CHANGE_REQUESTS).to_string();
            tl.push(FeedEventBody::ChangesRequested {
                milestone: m.clone(),
                by: By::Client,
                note,
            });
            tl.wait(&mut rng, DAY, 5 * DAY);
            let note = rng.pick(WORK_NOTES).to_string();
            let files = attachments(&mut rng, work.files, 2);
            tl.push(FeedEventBody::WorkSubmitted {
                milestone: m.clone(),
                by: By::Freelancer,
                note,
                attachments: files,
            });
        }
        match variant {
            // Released automatically 14 days after submission.
            2 => {
                tl.cursor += 14 * DAY;
                tl.push(FeedEventBody::PaymentReleased {
                    milestone: m.clone(),
                    by: By::System,
                    amount: money(a),
                });
                escrow -= a;
            }
            // Part released; the rest stays in escrow for the next milestone.
            1 => {
                tl.wait(&mut rng, 2 * HOUR, 3 * DAY);
                let part = percent_of(a, rng.range(60, 95)).max(1);
                tl.push(FeedEventBody::PaymentReleased {
                    milestone: m.clone(),
                    by: By::Client,
                    amount: money(part),
                });
                escrow -= part;
            }
            // More than escrow holds: the excess is charged to the client directly.
            3 => {
                tl.wait(&mut rng, 2 * HOUR, 3 * DAY);
                let paid = escrow + rng.range(50, 300) * 100;
                tl.push(FeedEventBody::PaymentReleased {
                    milestone: m.clone(),
                    by: By::Client,
                    amount: money(paid),
                });
                escrow = 0;
            }
            _ => {
                tl.wait(&mut rng, 2 * HOUR, 3 * DAY);
                tl.push(FeedEventBody::PaymentReleased {
                    milestone: m.clone(),
                    by: By::Client,
                    amount: money(a),
                });
                escrow -= a;
                if variant == 5 {
                    tl.wait(&mut rng, 5, 2 * HOUR);
                    let bonus = rng.range(2, 50) * 500;
                    tl.push(FeedEventBody::BonusPaid {
                        amount: money(bonus),
                        note: "Thanks for the extra effort!".into(),
                    });
                }
            }
        }
        tl.wait(&mut rng, HOUR, 4 * DAY);
    }

    // The disputed milestone.
    let m = milestones[disputed].id.clone();
    let a = amounts[disputed];
    tl.push(FeedEventBody::MilestoneFunded {
        milestone: m.clone(),
        amount: money(a),
    });
    escrow += a;
    let dispute = case_id(seed, n);
    let (reason, statement, claim) = match plan.ground {
        Ground::MilestoneNotReleased => {
            tl.wait(&mut rng, 2 * DAY, 12 * DAY);
            if rng.chance(chatty) {
                tl.push(message(&mut rng, By::Client, work.files));
                tl.wait(&mut rng, HOUR, 2 * DAY);
            }
            let note = rng.pick(WORK_NOTES).to_string();
            let files = attachments(&mut rng, work.files, 3);
            tl.push(FeedEventBody::WorkSubmitted {
                milestone: m.clone(),
                by: By::Freelancer,
                note,
                attachments: files,
            });
            if rng.chance(65) {
                tl.wait(&mut rng, 3 * HOUR, 4 * DAY);
                let note = rng.pick(CHANGE_REQUESTS).to_string();
                tl.push(FeedEventBody::ChangesRequested {
                    milestone: m.clone(),
                    by: By::Client,
                    note,
                });
                if rng.chance(50) {
                    tl.wait(&mut rng, DAY, 4 * DAY);
                    let note = rng.pick(WORK_NOTES).to_string();
                    let files = attachments(&mut rng, work.files, 2);
                    tl.push(FeedEventBody::WorkSubmitted {
                        milestone: m.clone(),
                        by: By::Freelancer,
                        note,
                        attachments: files,
                    });
                }
            }
            // Within the 14 days after which the system would release it.
            tl.wait(&mut rng, 2 * HOUR, 4 * DAY);
            tl.push(message(&mut rng, By::Freelancer, work.files));
            tl.wait(&mut rng, HOUR, 5 * DAY);
            let claim = if plan.full_claim || rng.chance(75) {
                a
            } else {
                percent_of(a, rng.range(50, 90))
                    .max(plan.amount_min.min(a))
                    .max(1)
            };
            let statement = rng.pick(STATEMENTS_MNR).to_string();
            (rng.pick(REASONS_MNR).to_string(), statement, claim)
        }
        Ground::EndedWithBalance => {
            if disputed + 1 < count && rng.chance(15) {
                // The next milestone was funded up front too.
                tl.wait(&mut rng, 1, 30);
                let next = &milestones[disputed + 1];
                tl.push(FeedEventBody::MilestoneFunded {
                    milestone: next.id.clone(),
                    amount: next.amount,
                });
                escrow += amounts[disputed + 1];
            }
            tl.wait(&mut rng, 2 * DAY, 10 * DAY);
            if rng.chance(50) {
                let note = rng.pick(WORK_NOTES).to_string();
                let files = attachments(&mut rng, work.files, 3);
                tl.push(FeedEventBody::WorkSubmitted {
                    milestone: m.clone(),
                    by: By::Freelancer,
                    note,
                    attachments: files,
                });
                tl.wait(&mut rng, 3 * HOUR, 3 * DAY);
            }
            if rng.chance(40) {
                tl.push(FeedEventBody::Message {
                    by: By::Client,
                    body: "We have decided to go in a different direction.".into(),
                    attachments: Vec::new(),
                });
                tl.wait(&mut rng, 5, 6 * HOUR);
            }
            tl.push(FeedEventBody::ContractEnded { by: By::Client });
            tl.push(FeedEventBody::RefundRequested {
                amount: money(escrow),
            });
            if rng.chance(60) {
                tl.wait(&mut rng, 5, 12 * HOUR);
                let text = rng.pick(FEEDBACK_CLIENT).to_string();
                tl.push(FeedEventBody::FeedbackLeft {
                    by: By::Client,
                    rating: rng.range(1, 2) as u8,
                    text,
                });
            }
            if rng.chance(40) {
                tl.wait(&mut rng, 5, 12 * HOUR);
                let text = rng.pick(FEEDBACK_FREELANCER).to_string();
                tl.push(FeedEventBody::FeedbackLeft {
                    by: By::Freelancer,
                    rating: rng.range(1, 3) as u8,
                    text,
                });
            }
            tl.wait(&mut rng, HOUR, 3 * DAY);
            let statement = rng.pick(STATEMENTS_EWB).to_string();
            (rng.pick(REASONS_EWB).to_string(), statement, escrow)
        }
    };
    let filing = tl.cursor;
    tl.push(FeedEventBody::DisputeFiled {
        dispute: dispute.clone(),
        ground: plan.ground,
        milestone: (plan.ground == Ground::MilestoneNotReleased).then(|| m.clone()),
        amount: money(claim),
        reason,
        statement,
    });
    // Statements that follow the filing on the platform.
    let evidence = rng.chance(35);
    let client_says = rng.chance(20);
    if evidence {
        tl.wait(&mut rng, 5, 2 * HOUR);
        let text = rng.pick(FREELANCER_EVIDENCE).to_string();
        let files = attachments(&mut rng, work.files, 3);
        tl.push(FeedEventBody::StatementSubmitted {
            dispute: dispute.clone(),
            by: By::Freelancer,
            text,
            attachments: files,
        });
    }
    if client_says {
        tl.wait(&mut rng, 3 * HOUR, 20 * HOUR);
        let text = rng.pick(CLIENT_STATEMENTS).to_string();
        let files = if rng.chance(40) {
            attachments(&mut rng, OTHER_FILES, 2)
        } else {
            Vec::new()
        };
        tl.push(FeedEventBody::StatementSubmitted {
            dispute: dispute.clone(),
            by: By::Client,
            text,
            attachments: files,
        });
    }

    let events = tl
        .items
        .into_iter()
        .map(|(at, body)| (filed_at + Duration::minutes(at - filing), body))
        .filter(|(at, _)| *at <= now || *at <= filed_at)
        .enumerate()
        .map(|(j, (at, body))| FeedEvent {
            id: format!("E-{seed}-{n:05}-{:02}", j + 1),
            at,
            body,
        })
        .collect();
    Contract {
        id: cid,
        title,
        currency: Currency::USD,
        client,
        freelancer,
        milestones,
        events,
    }
}
