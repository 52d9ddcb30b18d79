//! The structure holds: no module of the library imports another that imports it back
//! (directly or round a longer circle), and the pure core imports nothing of the terminal or
//! the network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` (as `crate::a::b`) with the text of its file, tests left out.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix("src").unwrap().with_extension("");
                let mut name = rel.to_string_lossy().replace('/', "::");
                if let Some(parent) = name.strip_suffix("::mod") {
                    name = parent.to_string();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                // Doc comments name other modules without importing them.
                let code: String = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                out.insert(format!("crate::{name}"), code);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new("src"), &mut out);
    out
}

/// The modules `code` (of module `module`) refers to through `crate::` and `super::` paths.
fn imports(module: &str, code: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let start = ["crate::", "super::"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(start) = start else { break };
        let begin = at + start;
        let before = begin.checked_sub(1).map(|i| bytes[i]);
        let mut end = begin;
        while end < code.len()
            && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
        {
            end += 1;
        }
        at = end.max(begin + 1);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let path: Vec<&str> = code[begin..end]
            .split("::")
            .filter(|s| !s.is_empty())
            .collect();
        let mut base: Vec<&str> = module.split("::").collect();
        let mut segments = path.as_slice();
        if segments.first() == Some(&"crate") {
            base = vec!["crate"];
            segments = &segments[1..];
        } else {
            while segments.first() == Some(&"super") {
                base.pop();
                segments = &segments[1..];
            }
        }
        let mut candidate: Vec<&str> = base
            .iter()
            .copied()
            .chain(segments.iter().copied())
            .collect();
        while candidate.len() > 1 {
            let name = candidate.join("::");
            if known.contains_key(&name) {
                let nested = name.starts_with(&format!("{module}::"))
                    || module.starts_with(&format!("{name}::"));
                if name != module && !nested {
                    found.insert(name);
                }
                break;
            }
            candidate.pop();
        }
    }
    found
}

/// The circles of the import graph (Tarjan's strongly connected components of two or more).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(v: &'a str, s: &mut State<'a>) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in &s.graph[v] {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(w, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(v, &mut state);
        }
    }
    state.found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    known
        .iter()
        .map(|(m, code)| (m.clone(), imports(m, code, &known)))
        .collect()
}

#[test]
fn no_module_imports_round_a_circle() {
    let graph = graph();
    assert!(graph.len() > 100, "modules found: {}", graph.len());
    // The reader's modules are in the graph with their imports (the test sees them).
    assert!(graph["crate::tui::shell"].contains("crate::tui::request"));
    assert_eq!(circles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_pure_core_imports_no_terminal_and_no_network() {
    let graph = graph();
    let core = [
        "crate::text",
        "crate::document",
        "crate::detect",
        "crate::annotation",
        "crate::session",
        "crate::keymap",
        "crate::export",
        "crate::import",
    ];
    for (module, imports) in &graph {
        if !core
            .iter()
            .any(|c| module == c || module.starts_with(&format!("{c}::")))
        {
            continue;
        }
        for import in imports {
            assert!(
                !import.starts_with("crate::tui") && !import.starts_with("crate::web"),
                "{module} imports {import}"
            );
        }
    }
}

#[test]
fn a_circle_is_seen() {
    // The check itself: two modules importing each other are found.
    let mut graph = BTreeMap::new();
    graph.insert(
        "crate::a".to_string(),
        BTreeSet::from(["crate::b".to_string()]),
    );
    graph.insert(
        "crate::b".to_string(),
        BTreeSet::from(["crate::a".to_string()]),
    );
    assert_eq!(circles(&graph).len(), 1);
}
