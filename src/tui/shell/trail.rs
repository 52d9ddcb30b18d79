//! The list an article was opened from, as it was then, so that `]` and `[` open the next
//! and the previous article of it. The library's list changes as articles are opened (each
//! goes to the top): the trail keeps the order the user saw, a window of it around the
//! article (a library of a million is not copied), and a feed list's rows whole.

/// An article of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A library entry, by id.
    Entry(String),
    /// A feed item: the feed's position in the list and the item's in the feed.
    Item {
        /// The feed.
        feed: usize,
        /// The item.
        item: usize,
    },
}

/// The articles of a list in its order, and the one open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    stops: Vec<Stop>,
    at: usize,
}

/// How many articles of the library's list before and after the one opened the trail keeps.
pub const RADIUS: usize = 500;

impl Trail {
    /// A trail through `stops`, at stop `at` (`None` when it is not one of them).
    pub fn new(stops: Vec<Stop>, at: usize) -> Option<Trail> {
        (at < stops.len()).then_some(Trail { stops, at })
    }

    /// The stop `step` away (1: the next, -1: the previous), if the list has one.
    pub fn step(&self, step: isize) -> Option<(usize, &Stop)> {
        let to = self.at.checked_add_signed(step)?;
        self.stops.get(to).map(|stop| (to, stop))
    }

    /// Moves to stop `to` (from [`Trail::step`]).
    pub fn go(&mut self, to: usize) {
        if to < self.stops.len() {
            self.at = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_inside_the_list() {
        let stops = vec![Stop::Entry("a".into()), Stop::Entry("b".into())];
        let mut trail = Trail::new(stops, 0).unwrap();
        assert_eq!(trail.step(-1), None);
        assert_eq!(trail.step(1), Some((1, &Stop::Entry("b".into()))));
        trail.go(1);
        assert_eq!(trail.step(1), None);
        assert!(Trail::new(Vec::new(), 0).is_none());
    }
}
