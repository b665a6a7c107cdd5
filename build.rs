//! Rebuild when any rule file changes: the default packs are embedded with `include_dir!`, which
//! cargo would not otherwise know to watch.

fn main() {
    println!("cargo:rerun-if-changed=rules");
}
