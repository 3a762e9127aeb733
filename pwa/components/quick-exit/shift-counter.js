// Counts clean presses of Shift. A Shift used as a modifier (Shift+A) does not
// count, any other key starts again, and the count expires after a pause.

export class ShiftCounter {
  constructor({ presses = 3, windowMs = 5000, onProgress, onExpire, onComplete }) {
    this.presses = presses;
    this.windowMs = windowMs;
    this.onProgress = onProgress;
    this.onExpire = onExpire;
    this.onComplete = onComplete;
    this.count = 0;
    this.shiftDown = false;
    this.clean = false;
    this.timer = null;
  }

  keydown(event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        this.shiftDown = true;
        this.clean = true;
      }
      return;
    }
    this.clean = false;
    this.reset();
  }

  keyup(event) {
    if (event.key !== "Shift") return;
    const counts = this.shiftDown && this.clean;
    this.shiftDown = false;
    this.clean = false;
    if (!counts) return;
    this.count += 1;
    clearTimeout(this.timer);
    if (this.count >= this.presses) {
      this.count = 0;
      this.onComplete();
      return;
    }
    this.onProgress(this.presses - this.count);
    this.timer = setTimeout(() => {
      this.count = 0;
      this.onExpire();
    }, this.windowMs);
  }

  reset() {
    clearTimeout(this.timer);
    this.count = 0;
  }
}
