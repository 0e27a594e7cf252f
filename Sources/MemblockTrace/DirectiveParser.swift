import Memblock

/// The directives, without their `@`.
enum DirectiveName: String, CaseIterable {
    case mbtrace, arch, kernel, config, node, phase, note, pause, expect
}

extension ParserCore {
    /// Parses a line that starts with `@`.
    mutating func parseDirective() {
        let d = tokens[0]
        let name = display(d.start + 1, d.end)
        guard let directive = DirectiveName(rawValue: name) else {
            let hint = Suggest.closest(to: name, in: DirectiveName.allCases.map(\.rawValue)).map { " (did you mean @\($0)?)" }
            let expected = ": expected @mbtrace, @arch, @kernel, @config, @node, @phase, @note, @pause or @expect"
            error(d, "unknown directive \(display(d))\(hint ?? expected)")
            return
        }
        switch directive {
        case .mbtrace: parseVersion(d)
        case .arch: parseArch(d)
        case .kernel: parseKernel(d)
        case .config: parseConfig(d)
        case .node: parseNode(d)
        case .phase:
            guard let name = quotedArgument(d, usage: "\"NAME\"") else { return }
            phases.append(Phase(name: name, firstStep: steps.count, location: location(of: d.start)))
        case .note:
            guard let text = quotedArgument(d, usage: "\"TEXT\"") else { return }
            pendingNotes.append(text)
        case .pause:
            guard expectCount(d, 0, usage: "") else { return }
            pendingPause = true
        case .expect: parseExpect(d)
        }
    }

    /// Checks that a directive has `n` arguments.
    private mutating func expectCount(_ d: Token, _ n: Int, usage: String) -> Bool {
        let got = tokens.count - 1
        guard got != n else { return true }
        let expected = n == 0 ? "no arguments" : "\(n) argument\(n == 1 ? "" : "s") (\(usage))"
        error(got > n ? tokens[n + 1] : d, "\(display(d)) expects \(expected), got \(got)")
        return false
    }

    /// The single quoted argument of `@phase` and `@note`.
    private mutating func quotedArgument(_ d: Token, usage: String) -> String? {
        guard expectCount(d, 1, usage: usage) else { return nil }
        let t = tokens[1]
        guard t.quoted else {
            error(t, "\(display(d)) expects a quoted string (\(usage)), got \(display(t))")
            return nil
        }
        return unquote(t.start, t.end, escaped: t.escaped)
    }

    private mutating func parseVersion(_ d: Token) {
        if seenContent {
            error(d, "@mbtrace must come first, before any other directive or step")
            return
        }
        guard expectCount(d, 1, usage: "1") else { return }
        let t = tokens[1]
        if !t.quoted, case .value(1) = parseNumber(t.start, t.end), t.end - t.start == 1 {
            version = 1
        } else {
            error(t, "unsupported trace version \(display(t)): this parser reads @mbtrace 1")
        }
    }

    private mutating func parseArch(_ d: Token) {
        guard expectCount(d, 1, usage: "NAME") else { return }
        let t = tokens[1]
        if let arch {
            error(d, "@arch is already set to \(arch)")
            return
        }
        if t.quoted {
            arch = unquote(t.start, t.end, escaped: t.escaped)
        } else if t.valueQuoted {
            error(t, "@arch expects a name, got \(display(t))")
        } else {
            arch = string(t.start, t.end)
        }
    }

    /// `@kernel 6.1|6.12`: before the first step, at most once.
    private mutating func parseKernel(_ d: Token) {
        guard expectCount(d, 1, usage: "VERSION") else { return }
        let t = tokens[1]
        if !steps.isEmpty {
            error(d, "@kernel must come before the first step")
            return
        }
        if settings.kernelSet {
            error(d, "@kernel is already set to \(settings.kernel)")
            return
        }
        let text = t.quoted ? unquote(t.start, t.end, escaped: t.escaped) : display(t)
        guard let version = KernelVersion(rawValue: text) else {
            error(t, "unsupported kernel \(display(t)): the model knows Linux \(KernelVersion.supportedList)")
            return
        }
        settings.kernel = version
        settings.kernelSet = true
    }

    private mutating func parseConfig(_ d: Token) {
        if tokens.count == 1 {
            error(d, "@config expects KEY=VALUE pairs, got none")
            return
        }
        for t in tokens.arguments {
            guard t.isAttribute else {
                error(t, "@config expects KEY=VALUE, got \(display(t))")
                continue
            }
            applyConfig(t)
        }
    }

    private mutating func parseNode(_ d: Token) {
        guard expectCount(d, 2, usage: "NID \"NAME\"") else { return }
        let (n, t) = (tokens[1], tokens[2])
        guard let nid = nodeID(n, what: "@node") else { return }
        guard t.quoted else {
            error(t, "@node expects a quoted name (@node NID \"NAME\"), got \(display(t))")
            return
        }
        if let old = nodeNames[nid] {
            error(n, "node \(nid) is already named \"\(old)\"")
            return
        }
        nodeNames[nid] = unquote(t.start, t.end, escaped: t.escaped)
    }

    private mutating func parseExpect(_ d: Token) {
        if tokens.count == 1 {
            error(d, "@expect expects KEY=VALUE pairs, got none")
            return
        }
        for t in tokens.arguments {
            guard t.isAttribute, !t.valueQuoted, t.eq + 1 < t.end else {
                error(t, "@expect expects KEY=VALUE, got \(display(t))")
                continue
            }
            guard let e = expectation(t) else { continue }
            if steps.isEmpty { initialExpectations.append(e) } else { steps[steps.count - 1].expectations.append(e) }
        }
    }

    /// One `KEY=VALUE` of an `@expect` line.
    private mutating func expectation(_ t: Token) -> StateExpectation? {
        let keyName = display(t.start, t.eq)
        guard let key = ExpectKey(rawValue: keyName) else {
            let hint = Suggest.hint(for: keyName, in: ExpectKey.allCases.map(\.rawValue))
            error(t, "unknown @expect key \(keyName)\(hint.isEmpty ? "" : hint)")
            return nil
        }
        if key == .physmemCnt && !settings.physMap {
            error(t, "@expect physmem.cnt needs @config phys_map=1")
            return nil
        }
        let v = t.eq + 1
        let value: UInt64?
        switch key {
        case .bottomUp:
            value = boolean(t, v, what: "@expect bottom_up").map { $0 ? 1 : 0 }
        case .currentLimit, .memoryTotalSize, .reservedTotalSize:
            if b[v] == asciiDollar {
                error(at: v, "@expect \(keyName): expected a number, got \(display(v, t.end))")
                return nil
            }
            value = address(Token(start: v, end: t.end), what: "@expect \(keyName)")?.literalValue
        default:
            value = number(t, v, what: "@expect \(keyName)")
        }
        return value.map { StateExpectation(key: key, value: $0, location: location(of: t.start)) }
    }
}
