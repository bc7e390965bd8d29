package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the name of the module; it also names its store.
	ModuleName = "jobs"
	// StoreKey is the store key of the module.
	StoreKey = ModuleName
)

// Store layout: one prefix per collection. Numbers are never reused; gaps are
// left for collections that belong together.
var (
	// ParamsKey holds the module Params.
	ParamsKey = collections.NewPrefix(0)
)

// Certificates (DESIGN §3.7): x/jobs owns this x/nft class from genesis on.
const (
	// CertificateClassID is the x/nft class of job certificates.
	CertificateClassID = "agijobs"
	// CertificateClassName is the class's display name.
	CertificateClassName = "AGIJobs"
	// CertificateClassSymbol is the class's symbol.
	CertificateClassSymbol = "Job"
	// CertificateClassDescription describes the class.
	CertificateClassDescription = "Certificates of completed AGI jobs: who produced what, for whom, checked by whom."
)
