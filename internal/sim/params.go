package sim

// Changing the model while it runs. Each setter brings the stage's time
// integrals up to date first, then lets waiting work move if it now can.

// setBatch changes a stage's batch interval. The next release is one
// interval from now; 0 ends batching and lets every held item go at once.
func (s *Sim) setBatch(stage int, every Time) {
	st := &s.stages[stage]
	if st.release != 0 {
		s.k.Cancel(st.release)
		st.release = 0
	}
	st.batchEvery = every
	if every > 0 {
		st.release = s.mustSchedule(every, s.onRelease, stage)
		return
	}
	s.releaseHeld(stage)
}

// setPeople sets a staffed stage's people (base) and people away (drain),
// and so its servers: the people present.
func (s *Sim) setPeople(stage, base, drain int) {
	st := &s.stages[stage]
	if st.unlimited {
		return
	}
	st.touch(s.k.Now())
	st.base, st.drain = max(base, 0), max(drain, 0)
	// With everyone away nobody works the queue: the work waits for them.
	st.capacity = max(st.base-st.drain, 0)
	s.pull(stage)
}

// setUnlimited makes a stage automated: no limit on parallel work.
func (s *Sim) setUnlimited(stage int) {
	st := &s.stages[stage]
	st.touch(s.k.Now())
	st.unlimited = true
	st.capacity = Unlimited
	s.pull(stage)
}

// setWIPLimit caps the value-stream items at a stage (0: no cap).
func (s *Sim) setWIPLimit(stage, limit int) {
	s.stages[stage].wipLimit = max(limit, 0)
	s.makeRoom(stage)
}

// setBackground scales the rate of outside requests to a stage; 0 stops them.
func (s *Sim) setBackground(stage int, scale float64) {
	st := &s.stages[stage]
	was := st.bgScale
	st.bgScale = scale
	if was <= 0 && scale > 0 {
		for i := range s.sources {
			if so := &s.sources[i]; so.work < 0 && so.stage == stage && so.next == 0 {
				s.scheduleArrival(i)
			}
		}
	}
}
