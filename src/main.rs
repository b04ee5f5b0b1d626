fn main() {
    wellpress::start::start();
}
