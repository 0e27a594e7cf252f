import Memblock
import MemblockView

/// Zooming and panning the address axis, in exact integer arithmetic over the whole
/// 64-bit space (no conversion through floating point, so addresses near 2^64 are safe).
public enum Zoom {
    /// The narrowest window: one page.
    public static let minimumWidth: PhysAddr = 4096

    /// The window `factor` times narrower (`zoomIn`) or wider, centred on `centre` where
    /// the bounds allow; wider than half the address space fits the whole view instead
    /// (nil).
    public static func window(_ w: AddressWindow, centre: PhysAddr, zoomIn: Bool, factor: PhysAddr = 4) -> AddressWindow? {
        let width = w.hi - w.lo
        let newWidth: PhysAddr
        if zoomIn {
            newWidth = Swift.max(minimumWidth, width / factor)
        } else {
            let (wide, overflow) = width.multipliedReportingOverflow(by: factor)
            if overflow || wide >= PhysAddr.max / 2 { return nil }
            newWidth = wide
        }
        let half = newWidth / 2
        var lo = centre >= half ? centre - half : 0
        if PhysAddr.max - lo < newWidth { lo = PhysAddr.max - newWidth }
        return AddressWindow(lo: lo, hi: lo + newWidth)
    }

    /// The window moved by a quarter of its width (`direction` < 0: toward 0), stopping
    /// at the ends of the address space.
    public static func pan(_ w: AddressWindow, direction: Int) -> AddressWindow {
        let step = Swift.max(1, (w.hi - w.lo) / 4)
        if direction < 0 {
            let d = Swift.min(step, w.lo)
            return AddressWindow(lo: w.lo - d, hi: w.hi - d)
        }
        let d = Swift.min(step, PhysAddr.max - w.hi)
        return AddressWindow(lo: w.lo + d, hi: w.hi + d)
    }

    /// The middle of `[lo, hi)` without overflow.
    public static func middle(_ lo: PhysAddr, _ hi: PhysAddr) -> PhysAddr { lo + (hi - lo) / 2 }
}

extension AppModel {
    /// The window on screen: the zoom, or the fit of the populated space.
    var currentWindow: AddressWindow { ui.zoom ?? AddressScale.fitWindow(state) }

    /// What `z` zooms on: the selected region, else the region the current step changed
    /// (reserved first), else the current step's result, else the window's middle.
    var zoomCentre: PhysAddr {
        let s = scene(self)
        if let sel = ui.selection, let r = s.region(sel) { return Zoom.middle(r.base, r.end) }
        for kind in [MemblockTypeKind.reserved, .memory, .physmem] {
            if let i = s.changes[kind]?.changed.first, i >= 0, i < s.state.type(kind).cnt {
                let r = s.state.type(kind).regions[i]
                return Zoom.middle(r.base, r.end)
            }
            if let r = s.changes[kind]?.removed.first { return Zoom.middle(r.base, r.end) }
        }
        if case .address(let a)? = s.outcome?.result { return a }
        let w = currentWindow
        return Zoom.middle(w.lo, w.hi)
    }

    /// `z`/`Z`.
    mutating func zoom(in zoomIn: Bool) {
        let before = ui.zoom
        ui.zoom = Zoom.window(currentWindow, centre: zoomCentre, zoomIn: zoomIn)
        if before == nil && ui.zoom == nil { ui.message = "already showing everything" }
        else { ui.message = ui.zoom.map { "zoom \($0.label)" } ?? "zoom: fit" }
    }

    /// `←`/`→` while zoomed.
    mutating func pan(_ direction: Int) {
        guard let w = ui.zoom else { return }
        ui.zoom = Zoom.pan(w, direction: direction)
    }
}
