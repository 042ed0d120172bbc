//! Who acts: a specialist or supervisor by name, the system (sweeps), or the
//! platform (feed events). Written `specialist:ana`, `supervisor:sam`,
//! `system`, `platform` everywhere (scenarios, CLI, events).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Specialist,
    Supervisor,
    System,
    Platform,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Specialist => "specialist",
            Role::Supervisor => "supervisor",
            Role::System => "system",
            Role::Platform => "platform",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Actor {
    Specialist(String),
    Supervisor(String),
    System,
    Platform,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an actor: write specialist:NAME, supervisor:NAME or system")]
pub struct ActorError(pub String);

impl Actor {
    pub fn role(&self) -> Role {
        match self {
            Actor::Specialist(_) => Role::Specialist,
            Actor::Supervisor(_) => Role::Supervisor,
            Actor::System => Role::System,
            Actor::Platform => Role::Platform,
        }
    }

    /// The person's name; None for the system and the platform.
    pub fn name(&self) -> Option<&str> {
        match self {
            Actor::Specialist(n) | Actor::Supervisor(n) => Some(n),
            Actor::System | Actor::Platform => None,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Specialist(n) => write!(f, "specialist:{n}"),
            Actor::Supervisor(n) => write!(f, "supervisor:{n}"),
            Actor::System => f.write_str("system"),
            Actor::Platform => f.write_str("platform"),
        }
    }
}

impl FromStr for Actor {
    type Err = ActorError;
    fn from_str(s: &str) -> Result<Actor, ActorError> {
        let bad = || ActorError(s.to_string());
        match s {
            "system" => return Ok(Actor::System),
            "platform" => return Ok(Actor::Platform),
            _ => {}
        }
        let (role, name) = s.split_once(':').ok_or_else(bad)?;
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(bad());
        }
        match role {
            "specialist" => Ok(Actor::Specialist(name.to_string())),
            "supervisor" => Ok(Actor::Supervisor(name.to_string())),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Actor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_round_trip() {
        for s in ["specialist:ana", "supervisor:sam", "system", "platform"] {
            assert_eq!(s.parse::<Actor>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn bad_actors_are_refused() {
        for s in ["ana", "specialist:", "admin:root", "supervisor: ", ""] {
            assert!(s.parse::<Actor>().is_err(), "{s:?}");
        }
    }
}
