/// What a cell's character becomes on screen. Pure, so it is tested without a terminal.
///
/// A `Cell` promises one column. A character that is not one column wide (a control
/// character, a CJK ideograph, an emoji) would shift the rest of its row, so it is shown as
/// `?` instead. When the locale cannot encode Unicode (LANG unset, a C locale), block
/// elements and box drawing fall back to ASCII shapes that keep the picture readable.
public enum GlyphMapper {
    /// The scalars to draw for `character`: a spacing scalar and an optional combining one
    /// (0 when none), as `wchar_t` values.
    ///
    /// - Parameters:
    ///   - unicode: the locale is UTF-8, so any one-column character can be drawn.
    ///   - columns: the display width of a scalar (`wcwidth` in the terminal; a stub in tests).
    public static func scalars(for character: Character, unicode: Bool,
                               columns: (UInt32) -> Int32) -> (UInt32, UInt32) {
        let view = character.unicodeScalars
        guard let first = view.first?.value else { return (0x20, 0) }
        // The common case, printable ASCII, needs no lookup.
        if first >= 0x20 && first < 0x7f && view.count == 1 { return (first, 0) }
        if !unicode {
            return (asciiFallback(first), 0)
        }
        guard columns(first) == 1 else { return (0x3f, 0) }  // "?"
        var combining: UInt32 = 0
        let index = view.index(after: view.startIndex)
        if index != view.endIndex {
            // Keep the first combining mark (an accent); drop anything beyond, since one
            // cell holds a small fixed number of them.
            let second = view[index].value
            if columns(second) == 0 { combining = second }
        }
        return (first, combining)
    }

    /// An ASCII stand-in for a non-ASCII scalar, for terminals without Unicode. Every kind
    /// the address band draws keeps a character of its own, so the band still reads:
    /// `#` reserved, `%` (thick) or `|` (thin) part reserved, `@` reserved outside memory,
    /// `.` free, `:` nomap, `+` hotplug, `=` mirror, `&` driver-managed; `^` changed and `x`
    /// removed; dashes and quotes become their ASCII forms.
    public static func asciiFallback(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0x20..<0x7f: return scalar
        // Light and heavy horizontal lines (rules, the physmem lane, the clamp axis).
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2574, 0x2576:
            return 0x2d  // -
        case 0x2550: return 0x3d  // ═ mirror: =
        // Vertical lines.
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577:
            return 0x7c  // |
        case 0x256A: return 0x2b  // ╪ hotplug: +
        // Corners, tees and crosses.
        case 0x250C...0x254B, 0x2552...0x2569, 0x256B, 0x256C:
            return 0x2b  // +
        case 0x256D...0x2570:  // rounded corners
            return 0x2b
        // Lower eighth blocks (bars by height): low, middle, high.
        case 0x2581, 0x2582: return 0x5f  // _
        case 0x2583, 0x2584: return 0x6f  // o
        case 0x2585, 0x2586: return 0x4f  // O
        case 0x2587, 0x2588: return 0x23  // ▇ █: #
        // Left blocks: a cell partly reserved, thick or thin.
        case 0x2589, 0x258A, 0x258B, 0x258C, 0x258D: return 0x25  // %
        case 0x258E, 0x258F, 0x2595: return 0x7c  // thin left and right bars: |
        case 0x2590: return 0x25  // right half
        case 0x2591: return 0x2e  // ░ free: .
        case 0x2592: return 0x3a  // ▒ nomap: :
        case 0x2593: return 0x40  // ▓ reserved, no memory: @
        case 0x2580, 0x2594: return 0x22  // upper half, upper eighth (selection): "
        case 0x259A, 0x259E: return 0x26  // ▚ ▞ driver-managed: &
        case 0x2596...0x259F: return 0x23  // other quadrants
        case 0x25B2, 0x25B4: return 0x5e  // ▲ changed: ^
        case 0x25B3, 0x2717, 0x2715, 0x00D7: return 0x78  // △ removed, ✗, ×: x
        case 0x25BC, 0x25BE, 0x25BD: return 0x76  // ▼ v
        case 0x25B6, 0x25B8, 0x25BA, 0x2192: return 0x3e  // ▶ ▸ → >
        case 0x25C0, 0x25C2, 0x25C4, 0x2190: return 0x3c  // ◀ ← <
        case 0x2191: return 0x5e  // ↑
        case 0x2193: return 0x76  // ↓
        case 0x25C6, 0x25C7, 0x2022, 0x25CF, 0x25CB: return 0x2a  // ◆ • ● ○: *
        case 0x00B7: return 0x2e  // · separator: .
        case 0x2013, 0x2014, 0x2212: return 0x2d  // – — −: -
        case 0x2018, 0x2019: return 0x27  // ‘ ’
        case 0x201C, 0x201D: return 0x22  // “ ”
        case 0x2026: return 0x2e  // …
        case 0x00A0: return 0x20  // no-break space
        default: return 0x3f  // ?
        }
    }
}
